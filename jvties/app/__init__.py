"""The Streamlit app: navigation, the view kept in the link, cached loading and the shared
components. The only part of jvties that imports Streamlit."""
