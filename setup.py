"""Packages are found, never listed: every subpackage of generator/ ships, and templates/
(which stays at the top of the project, where clerks restyle it) ships inside the wheel as
generator.templates, found at run time through importlib.resources. Everything else is in
pyproject.toml; pyproject cannot both find packages and add a mapped one."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["generator", "generator.*"]), "generator.templates"],
    package_dir={"generator.templates": "templates"},
)
