"""Entry point: `streamlit run dashboard.py`. The pages live in pages/; jvties.app declares them."""

from jvties.app import navigation

navigation.run()
