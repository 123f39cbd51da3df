"""REST API v1: one class per operation (HSX `users/apis.py`), calling services and selectors."""
