"""Growth: weight, length and head circumference, read on the WHO Child Growth Standards."""
