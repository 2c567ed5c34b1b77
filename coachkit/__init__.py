"""CoachKit: leg-training insight for gym coaches."""
