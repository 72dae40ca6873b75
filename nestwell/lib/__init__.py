"""Small plain helpers several apps share (no views, no models)."""
