"""Docs match the code and the data: every column described, data/README.md up to date."""

from conftest import read_csv

from jvties.data import dictionary as docs
from jvties.data.catalog import DEFAULT_DATA_DIR, REPO_DIR, catalog


def test_every_column_of_every_file_is_described():
    for resource in catalog().resources:
        header = list(read_csv(DEFAULT_DATA_DIR / resource.path).columns)
        undescribed = [c for c in header if c not in resource.column_names]
        assert undescribed == [], f"{resource.path}: describe {undescribed} in datapackage.json"
        assert all(f.description for f in resource.fields)


def test_data_dictionary_is_generated_from_the_current_description():
    assert docs.README_PATH.read_text(encoding="utf-8") == docs.render(), "run: python -m jvties.data.dictionary"


def test_readme_names_the_two_commands_ci_uses():
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    ci = (REPO_DIR / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in readme and "bash scripts/test.sh" in ci
    assert "streamlit run dashboard.py" in readme


def test_every_sector_has_a_distinct_colour():
    sectors = read_csv(DEFAULT_DATA_DIR / "sectors.csv")
    assert sectors["color"].is_unique


def test_csv_files_are_utf8_without_bom_and_use_iso_dates():
    for path in DEFAULT_DATA_DIR.glob("*.csv"):
        assert not path.read_bytes().startswith(b"\xef\xbb\xbf"), path.name


def test_hosting_settings_protect_users():
    import tomllib

    config = tomllib.loads((REPO_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["headless"] is True
    assert config["browser"]["gatherUsageStats"] is False
    ignored = (REPO_DIR / ".gitignore").read_text(encoding="utf-8")
    assert ".streamlit/secrets.toml" in ignored


def test_hosting_accepts_only_named_hosts_and_the_container_runs_unprivileged():
    import tomllib

    config = tomllib.loads((REPO_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["allowedHosts"] == ["localhost", "127.0.0.1", "::1"]
    dockerfile = (REPO_DIR / "Dockerfile").read_text(encoding="utf-8")
    users = [line.split()[1] for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert "HEALTHCHECK" in dockerfile and "/_stcore/health" in dockerfile
    assert "requirements.txt" in dockerfile


def test_readme_sign_in_recipe_matches_the_code():
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    pinned = next(line for line in readme.splitlines() if "pip install Authlib==" in line)
    assert pinned.split("==")[1].strip()
    assert "st.stop()" in readme and "[auth]" in readme


def test_only_the_app_part_imports_streamlit():
    """The data and figures parts are tested, and usable, without Streamlit."""
    import ast

    offenders = []
    for path in sorted((REPO_DIR / "jvties").rglob("*.py")):
        if (REPO_DIR / "jvties" / "app") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.relative_to(REPO_DIR)}: {n}" for n in names if n.split(".")[0] == "streamlit"]
    assert offenders == []
