"""The data layer, free of Streamlit: the descriptor, validation, loaders, the generated
dictionary, and the selections (filters, series) that pages and figures draw from."""
