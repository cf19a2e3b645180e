"""Reading a Forge app's `manifest.yml` the way the Forge platform does at deploy time: `${VAR}`
placeholders interpolated (docs/platform.md#forge-manifest), then the parts jirasim hosts picked
out: UI modules,
resources, endpoints, remotes, triggers and permissions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# PyYAML is locked (requirements.lock); its type stubs are not, so it is typed as Any here.
import yaml

# The UI module types jirasim can show, each at its Jira page or dashboard slot.
UI_MODULE_TYPES = ("jira:globalPage", "jira:projectPage", "jira:adminPage", "jira:dashboardGadget")
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class ManifestError(ValueError):
    """The manifest cannot be read or is missing something jirasim needs."""


@dataclass(frozen=True)
class UiModule:
    type: str
    key: str
    title: str
    resource: str
    resolver_endpoint: str | None
    edit_resource: str | None = None
    layout: str = "native"


@dataclass(frozen=True)
class Endpoint:
    key: str
    remote: str
    route_path: str | None
    app_system_token: bool
    app_user_token: bool


@dataclass(frozen=True)
class Remote:
    key: str
    base_url: str


@dataclass(frozen=True)
class Trigger:
    key: str
    endpoint: str
    events: tuple[str, ...]


@dataclass(frozen=True)
class Permissions:
    scopes: tuple[str, ...] = ()
    content_scripts: tuple[str, ...] = ()
    content_styles: tuple[str, ...] = ()
    # permissions.external.<kind> addresses, e.g. {"images": ("*.atlassian.net",)}
    external: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Manifest:
    app_id: str
    folder: Path
    modules: tuple[UiModule, ...]
    resources: Mapping[str, Path]
    endpoints: Mapping[str, Endpoint]
    remotes: Mapping[str, Remote]
    triggers: tuple[Trigger, ...]
    permissions: Permissions

    def module(self, key: str) -> UiModule | None:
        return next((m for m in self.modules if m.key == key), None)

    def modules_of(self, module_type: str) -> list[UiModule]:
        return [m for m in self.modules if m.type == module_type]

    def remote_of(self, endpoint_key: str) -> tuple[Endpoint, Remote]:
        endpoint = self.endpoints.get(endpoint_key)
        if endpoint is None:
            raise ManifestError(f"No endpoint module with key '{endpoint_key}'.")
        remote = self.remotes.get(endpoint.remote)
        if remote is None:
            raise ManifestError(
                f"Endpoint '{endpoint_key}' names unknown remote '{endpoint.remote}'."
            )
        return endpoint, remote

    def trigger_endpoints(self, event: str) -> list[Endpoint]:
        return [self.remote_of(t.endpoint)[0] for t in self.triggers if event in t.events]


# --- interpolation ----------------------------------------------------------------------------


def _declared_defaults(raw: Mapping[str, Any]) -> dict[str, str | None]:
    declared: dict[str, str | None] = {}
    for entry in (raw.get("environment") or {}).get("variables") or []:
        if isinstance(entry, dict) and entry.get("key"):
            default = entry.get("default")
            declared[str(entry["key"])] = None if default is None else str(default)
    return declared


def interpolate(value: Any, variables: Mapping[str, str]) -> Any:
    """Every `${NAME}` in every string of `value` replaced; unknown names raise ManifestError."""
    if isinstance(value, str):

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in variables:
                raise ManifestError(
                    f"The manifest uses ${{{name}}} but no value was given for it "
                    "and it has no default in environment.variables."
                )
            return variables[name]

        return _PLACEHOLDER.sub(replace, value)
    if isinstance(value, list):
        return [interpolate(item, variables) for item in value]
    if isinstance(value, dict):
        return {key: interpolate(item, variables) for key, item in value.items()}
    return value


def resolve_variables(raw: Mapping[str, Any], given: Mapping[str, str]) -> dict[str, str]:
    """Given values over declared defaults; a declared variable with neither is an error."""
    declared = _declared_defaults(raw)
    resolved = {name: default for name, default in declared.items() if default is not None}
    resolved.update({str(k): str(v) for k, v in given.items()})
    missing = sorted(name for name in declared if name not in resolved)
    if missing:
        raise ManifestError(f"Manifest variable {missing[0]} has no default; give a value for it.")
    return resolved


# --- the parts jirasim uses -------------------------------------------------------------------


def _strings(values: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in values or [] if isinstance(v, str | int | float))


def _addresses(values: Any) -> tuple[str, ...]:
    """Egress entries: plain strings (deprecated) or `{address: ...}`; `{remote: ...}` skipped
    here (resolved against remotes by the caller)."""
    found = []
    for entry in values or []:
        if isinstance(entry, str):
            found.append(entry)
        elif isinstance(entry, dict) and entry.get("address"):
            found.append(str(entry["address"]))
    return tuple(found)


def _ui_modules(modules: Mapping[str, Any]) -> tuple[UiModule, ...]:
    found = []
    for module_type in UI_MODULE_TYPES:
        for entry in modules.get(module_type) or []:
            if not isinstance(entry, dict) or "resource" not in entry:
                continue  # UI Kit (`function`) modules are not hosted by jirasim
            edit = entry.get("edit") if isinstance(entry.get("edit"), dict) else None
            resolver = entry.get("resolver") or {}
            found.append(
                UiModule(
                    type=module_type,
                    key=str(entry["key"]),
                    title=str(entry.get("title") or entry["key"]),
                    resource=str(entry["resource"]),
                    resolver_endpoint=str(resolver["endpoint"]) if "endpoint" in resolver else None,
                    edit_resource=str(edit["resource"]) if edit and "resource" in edit else None,
                    layout=str(entry.get("layout") or "native"),
                )
            )
    return tuple(found)


def _endpoints(modules: Mapping[str, Any]) -> dict[str, Endpoint]:
    endpoints = {}
    for entry in modules.get("endpoint") or []:
        auth = entry.get("auth") or {}
        endpoints[str(entry["key"])] = Endpoint(
            key=str(entry["key"]),
            remote=str(entry["remote"]),
            route_path=(entry.get("route") or {}).get("path"),
            app_system_token=bool((auth.get("appSystemToken") or {}).get("enabled")),
            app_user_token=bool((auth.get("appUserToken") or {}).get("enabled")),
        )
    return endpoints


def _remotes(raw: Mapping[str, Any]) -> dict[str, Remote]:
    remotes = {}
    for entry in raw.get("remotes") or []:
        base_url = entry.get("baseUrl")
        # Region maps (docs/platform.md#remotes-endpoints-and-regions): jirasim's site has no
        # region, so the default applies.
        if isinstance(base_url, dict):
            base_url = base_url.get("default")
        if not base_url:
            raise ManifestError(f"Remote '{entry.get('key')}' has no baseUrl.")
        remotes[str(entry["key"])] = Remote(str(entry["key"]), str(base_url).rstrip("/"))
    return remotes


def _permissions(raw: Mapping[str, Any], remotes: Mapping[str, Remote]) -> Permissions:
    permissions = raw.get("permissions") or {}
    content = permissions.get("content") or {}
    external: dict[str, tuple[str, ...]] = {}
    for kind, values in (permissions.get("external") or {}).items():
        if kind == "fetch":
            for side in ("client", "backend"):
                entries = (values or {}).get(side) or []
                via_remote = tuple(
                    remotes[str(e["remote"])].base_url
                    for e in entries
                    if isinstance(e, dict) and str(e.get("remote")) in remotes
                )
                external[f"fetch.{side}"] = _addresses(entries) + via_remote
        elif isinstance(values, list):
            external[str(kind)] = _addresses(values)
    scopes = permissions.get("scopes") or []
    return Permissions(
        scopes=tuple(scopes) if isinstance(scopes, list) else tuple(scopes.keys()),
        content_scripts=_strings(content.get("scripts")),
        content_styles=_strings(content.get("styles")),
        external=external,
    )


def parse_manifest(raw: Mapping[str, Any], folder: Path, variables: Mapping[str, str]) -> Manifest:
    resolved = interpolate(dict(raw), resolve_variables(raw, variables))
    app_id = str((resolved.get("app") or {}).get("id") or "")
    if not app_id.startswith("ari:cloud:ecosystem::app/"):
        raise ManifestError(f"app.id must be an app ARI, not {app_id!r}.")
    modules = resolved.get("modules") or {}
    remotes = _remotes(resolved)
    resources = {
        str(entry["key"]): (folder / str(entry["path"])).resolve()
        for entry in resolved.get("resources") or []
    }
    triggers = tuple(
        Trigger(str(t["key"]), str(t["endpoint"]), _strings(t.get("events")))
        for t in modules.get("trigger") or []
        if t.get("endpoint")
    )
    manifest = Manifest(
        app_id=app_id,
        folder=folder,
        modules=_ui_modules(modules),
        resources=resources,
        endpoints=_endpoints(modules),
        remotes=remotes,
        triggers=triggers,
        permissions=_permissions(resolved, remotes),
    )
    for module in manifest.modules:
        for resource in (module.resource, module.edit_resource):
            if resource is not None and resource.split("/")[0] not in resources:
                raise ManifestError(f"Module '{module.key}' names unknown resource '{resource}'.")
        if module.resolver_endpoint is not None:
            manifest.remote_of(module.resolver_endpoint)
    for trigger in triggers:
        manifest.remote_of(trigger.endpoint)
    return manifest


def load_manifest(path: str | Path, variables: Mapping[str, str] | None = None) -> Manifest:
    """Load and interpolate the manifest at `path` (resource paths are relative to it)."""
    manifest_path = Path(path)
    try:
        raw = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ManifestError(
            f"The manifest {manifest_path} cannot be read: {exc.strerror}."
        ) from exc
    except yaml.YAMLError as exc:
        raise ManifestError(f"The manifest {manifest_path} is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise ManifestError(f"The manifest {manifest_path} is not a YAML mapping.")
    return parse_manifest(raw, manifest_path.resolve().parent, variables or {})
