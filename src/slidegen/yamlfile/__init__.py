"""YAML files read with the position of every key and value, and validated against pydantic
models with each problem at its file:line:col. The deck spec, the datasets' metadata, the
kommune registry, measures.yaml and a template's mapping are all read through here."""

from .positions import KeyPath, LoadedYaml, YamlProblem, dotted, load_yaml, readable
from .validate import Collector, describe, did_you_mean, validate, validate_file

__all__ = ["Collector", "KeyPath", "LoadedYaml", "YamlProblem", "describe", "did_you_mean",
           "dotted", "load_yaml", "readable", "validate",
           "validate_file"]
