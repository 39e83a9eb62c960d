"""Printed documents as HTML from plain data a query hands them (planner.storage.queries.documents);
no store and no Qt here: printing.py lays them out."""

from planner.reports.agenda import agenda
from planner.reports.b2b import company_schedule, hall_plan
from planner.reports.common import NotFound, PageFurniture, Report
from planner.reports.delegation import delegation_list
from planner.reports.itinerary import itinerary
from planner.reports.programme import programme

__all__ = ["NotFound", "PageFurniture", "Report", "agenda", "company_schedule", "delegation_list", "hall_plan",
           "itinerary", "programme"]
