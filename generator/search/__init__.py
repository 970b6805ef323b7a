"""Chinese-aware search: dictionary, query segmentation, names and document numbers in the index."""
