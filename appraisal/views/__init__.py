"""Appraisal views, by subject."""
