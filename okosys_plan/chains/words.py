"""The maps' own words in both languages: rows, break levels, classes (bokmål as written)."""

from __future__ import annotations

from okosys_plan.text.say import say

#: Bokmål as the catalogue writes it -> the English message id (its bokmål is the same).
LAYERS_EN = {"Aktivitet": "Activity", "Hendelse": "Event", "Tjeneste": "Service",
             "Data": "Data"}
LEVELS_EN = {"Juridisk": "Legal", "Organisatorisk": "Organisational", "Semantisk": "Semantic",
             "Teknisk": "Technical"}
CLASSES_EN = {"Høy": "High", "Middels": "Medium", "Lav": "Low"}
#: The badge letter of each break level (the second cue beside its colour).
LETTERS = {"Juridisk": "J", "Organisatorisk": "O", "Semantisk": "S", "Teknisk": "T"}


def layer_name(layer: str, lang: str) -> str:
    """A map row's name in the language asked for."""
    return _said(layer, LAYERS_EN, lang)


def level_name(level: str, lang: str) -> str:
    """A break level's name in the language asked for."""
    return _said(level, LEVELS_EN, lang)


def class_name(klass: str, lang: str) -> str:
    """A priority class's name in the language asked for."""
    return _said(klass, CLASSES_EN, lang)


def _said(value: str, english: dict[str, str], lang: str) -> str:
    known = english.get(value)
    return value if known is None else say(lang, known)
