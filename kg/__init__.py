"""kg: Chinese policy documents → knowledge graph of goals, measures, projects, programmes and targets."""

__version__ = "0.1.0"
__all__ = ["__version__"]
