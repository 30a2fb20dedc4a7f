from jincun.compliance.models.cases import Complaint, NoFeeCase
from jincun.compliance.models.inspections import Inspection, InspectionItem, InspectionPhoto
from jincun.compliance.models.records import RuleFigure, StationFlag, StubDestruction, VideoDevice

__all__ = [
    "Complaint",
    "Inspection",
    "InspectionItem",
    "InspectionPhoto",
    "NoFeeCase",
    "RuleFigure",
    "StationFlag",
    "StubDestruction",
    "VideoDevice",
]
