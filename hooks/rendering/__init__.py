"""What the site publishes from the model: block markers and their blocks, open data, feeds, the search index, drafts."""
