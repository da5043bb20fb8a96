"""The offline sample portal and `govnews demo`."""
