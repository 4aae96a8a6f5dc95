"""One harvester per source system. They share the export protocol and the
disclosure pipeline (``base``); each names its system and the kinds of record
it exports, which the harvest refuses otherwise."""
from __future__ import annotations

from .base import SeoulPlazaHarvester


class ApprovalSystemHarvester(SeoulPlazaHarvester):
    name, system = "seoulplaza_edms", "업무관리시스템"
    title = "업무관리시스템 (결재문서)"
    description = "Approval documents with their attachments, masked and converted to PDF"
    kinds = frozenset({"sanction"})


class MinutesSystemHarvester(SeoulPlazaHarvester):
    name, system = "seoulplaza_minutes", "회의록관리시스템"
    title = "회의록관리시스템 (회의정보)"
    description = "Meetings: schedule, agenda, status, minutes and video"
    kinds = frozenset({"meeting"})


class BudgetSystemHarvester(SeoulPlazaHarvester):
    name, system = "seoulplaza_budget", "예산관리시스템"
    title = "예산관리시스템 (예산·지출·업무추진비)"
    description = "Budget statements, spending per project and expense records, with their tables in the DataStore"
    kinds = frozenset({"expense", "spending", "budget", "table"})


class AdministrationSystemHarvester(SeoulPlazaHarvester):
    name, system = "seoulplaza_admin", "내부행정시스템"
    title = "내부행정시스템 (사전정보공표·정책연구·보도자료)"
    description = "Proactive disclosures, policy research and press releases"
    kinds = frozenset({"proactive", "research", "press"})


HARVESTERS = (ApprovalSystemHarvester, MinutesSystemHarvester, BudgetSystemHarvester, AdministrationSystemHarvester)
