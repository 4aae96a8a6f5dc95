"""Reading the compose files as Docker Compose does: variables interpolated
from an environment (``${X}``, ``${X:-default}``, ``${X:?error}``, ``$$``),
YAML anchors and merge keys resolved, override files merged onto the base."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping

import yaml

DOCKER = Path(__file__).resolve().parents[2] / "docker"
_VARIABLE = re.compile(r"\$\$|\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


class UnsetVariable(Exception):
    pass


def interpolate(text: str, env: Mapping[str, str]) -> str:
    def replace(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name, op, arg = match.group("name"), match.group("op"), match.group("arg")
        value = env.get(name)
        unset = value is None or (op is not None and op.startswith(":") and value == "")
        if op and op.endswith("?") and unset:
            raise UnsetVariable(f"{name}: {arg}")
        if op and op.endswith("-") and unset:
            return arg
        return value or ""
    return _VARIABLE.sub(replace, text)


def example_env() -> dict[str, str]:
    """docker/.env.example with every empty secret filled in."""
    env = {}
    for line in (DOCKER / ".env.example").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            env[key] = value or f"example-{key.lower()}"
    return env


def load(name: str, env: Mapping[str, str]) -> dict[str, Any]:
    return yaml.safe_load(interpolate((DOCKER / name).read_text(encoding="utf-8"), env))


def merge(base: Any, override: Any) -> Any:
    """Compose's merge of an override file: mappings merge key by key,
    sequences and scalars are replaced."""
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for key, value in override.items():
            out[key] = merge(base[key], value) if key in base else value
        return out
    return override


def project(env: Mapping[str, str], *overrides: str) -> dict[str, Any]:
    model = load("compose.yaml", env)
    for name in overrides:
        model = merge(model, load(name, env))
    return model
