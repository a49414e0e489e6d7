"""Personal data in a checkout: data-model readers, a field classifier and the screening scale.

report = analyse_personal_data(inventory)
report.by_category()  # {Category(email): [Classified(field, category), ...]}
report.scale          # Scale.STORED
"""

from dpgkit.pii.analysis import PersonalData, ThirdParty, analyse_personal_data
from dpgkit.pii.classify import Category, Classified, classify, normalise
from dpgkit.pii.fields import DataField, ReadProblem
from dpgkit.pii.scale import Scale

__all__ = [
    "Category",
    "Classified",
    "DataField",
    "PersonalData",
    "ReadProblem",
    "Scale",
    "ThirdParty",
    "analyse_personal_data",
    "classify",
    "normalise",
]
