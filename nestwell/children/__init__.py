"""The baby: Child, life stage, real and corrected age, and the child switch."""
