"""A PEP 517 build backend for this one pure-Python package, written with the standard library only.

It exists so that installing the client needs no build tool from an index (the machines it runs on may have none):
``pip install ./scripts/clients/python`` builds the wheel below and installs it. It reads the few fields it needs
from pyproject.toml and packs ``src/tradingrt`` with a METADATA, WHEEL, entry_points.txt and RECORD.
"""
import base64
import hashlib
import os
import tarfile
import tomllib
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "tradingrt"


def _project():
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        return tomllib.load(f)["project"]


def _metadata(project):
    lines = ["Metadata-Version: 2.1", "Name: " + project["name"], "Version: " + project["version"],
             "Summary: " + project["description"], "Requires-Python: " + project["requires-python"],
             "License: " + project["license"]["text"], "Description-Content-Type: text/markdown", ""]
    with open(os.path.join(ROOT, project["readme"]), encoding="utf-8") as f:
        return "\n".join(lines) + "\n" + f.read()


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return "%s,sha256=%s,%d" % (name, digest, len(data))


def _dist_info_files(project):
    scripts = "".join("%s = %s\n" % item for item in project.get("scripts", {}).items())
    return {
        "METADATA": _metadata(project).encode("utf-8"),
        "WHEEL": b"Wheel-Version: 1.0\nGenerator: tradingrt-backend\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        "entry_points.txt": ("[console_scripts]\n" + scripts).encode("utf-8"),
    }


def _sources():
    base = os.path.join(ROOT, "src")
    for folder, _, files in os.walk(os.path.join(base, PACKAGE)):
        for name in sorted(files):
            if name.endswith((".py", ".typed")):
                path = os.path.join(folder, name)
                yield os.path.relpath(path, base).replace(os.sep, "/"), path


def _wheel(directory, editable):
    project = _project()
    tag = "%s-%s" % (project["name"], project["version"])
    wheel_name = tag + "-py3-none-any.whl"
    dist_info = tag + ".dist-info"
    records = []
    with zipfile.ZipFile(os.path.join(directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as wheel:
        def add(name, data):
            wheel.writestr(name, data)
            records.append(_record_line(name, data))

        if editable:
            add(PACKAGE + ".pth", (os.path.join(ROOT, "src") + "\n").encode("utf-8"))
        else:
            for name, path in _sources():
                with open(path, "rb") as f:
                    add(name, f.read())
        for name, data in _dist_info_files(project).items():
            add(dist_info + "/" + name, data)
        records.append(dist_info + "/RECORD,,")
        wheel.writestr(dist_info + "/RECORD", "\n".join(records) + "\n")
    return wheel_name


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _wheel(wheel_directory, editable=False)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _wheel(wheel_directory, editable=True)


def build_sdist(sdist_directory, config_settings=None):
    project = _project()
    tag = "%s-%s" % (project["name"], project["version"])
    name = tag + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as sdist:
        for relative in ["pyproject.toml", "README.md", "_build/backend.py"]:
            sdist.add(os.path.join(ROOT, relative), tag + "/" + relative)
        for relative, path in _sources():
            sdist.add(path, tag + "/src/" + relative)
    return name
