"""Visit Planner: plan official visits, their meetings, people, agendas and documents."""

__version__ = "0.1.0"
