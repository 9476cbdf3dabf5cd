"""Figure builders, free of Streamlit: pure functions from DataFrames to Plotly figures or a
pydeck Deck, one module per page subject."""
