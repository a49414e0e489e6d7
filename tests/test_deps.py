"""The dependency inventory: one real manifest per ecosystem, parsed into package URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from dpgkit.deps import DependencyReport, Scope, collect_dependencies
from dpgkit.inventory import build_inventory


def inventory_of(repo_factory, files) -> DependencyReport:
    return collect_dependencies(build_inventory(repo_factory(files)))


def purls(report: DependencyReport, scope: Scope | None = None, direct: bool = True) -> set[str]:
    return {
        d.purl
        for d in report.dependencies
        if d.direct == direct and (scope is None or d.scope is scope)
    }


def test_requirements_with_includes_markers_and_editables(repo_factory):
    report = inventory_of(
        repo_factory,
        {
            "requirements.txt": (
                "-r requirements/base.txt\n"
                "Django==5.2.1  # the web framework\n"
                'requests>=2.31 ; python_version > "3.8"\n'
                "celery[redis]>=5 \\\n    ,<6\n"
                "-e git+https://example.org/x/y.git#egg=yfoo\n"
                "--index-url https://pypi.org/simple\n"
                "-r ../../../etc/passwd\n"
                "-r /etc/passwd\n"
            ),
            "requirements/base.txt": "googlemaps>=4\n-r ../requirements.txt\n",
            "requirements/dev.txt": "pytest==8.0\n",
        },
    )
    runtime = purls(report, Scope.RUNTIME)
    assert {
        "pkg:pypi/django@5.2.1",
        "pkg:pypi/requests",
        "pkg:pypi/celery",
        "pkg:pypi/yfoo",
        "pkg:pypi/googlemaps",
    } <= runtime
    assert purls(report, Scope.DEVELOPMENT) == {"pkg:pypi/pytest@8.0"}
    django = report.named("pypi", "django")[0]
    assert (django.path, django.line, django.constraint) == ("requirements.txt", 2, "==5.2.1")
    celery = report.named("pypi", "celery")[0]
    assert celery.constraint == "<6,>=5"
    assert not report.problems


def test_pyproject_pep621_poetry_uv_pipfile_setup_cfg(repo_factory):
    report = inventory_of(
        repo_factory,
        {
            "pyproject.toml": (
                "[build-system]\nrequires = ['setuptools>=69']\n"
                "[project]\nname='x'\ndependencies = ['httpx>=0.27', 'pydantic==2.7.0']\n"
                "[project.optional-dependencies]\ntest = ['pytest']\ngeo = ['shapely']\n"
                "[dependency-groups]\nlint = ['ruff']\n"
                "[tool.uv]\ndev-dependencies = ['mypy']\n"
            ),
            "svc/pyproject.toml": (
                "[tool.poetry]\nname='svc'\n[tool.poetry.dependencies]\npython='^3.11'\nfastapi='^0.110'\n"
                "boto3={version='1.34.0', optional=true}\n"
                "[tool.poetry.group.dev.dependencies]\nblack='*'\n"
            ),
            "Pipfile": "[packages]\nflask = '*'\n[dev-packages]\nflake8 = '==7.0.0'\n",
            "setup.cfg": (
                "[options]\ninstall_requires =\n    click>=8\n    rich\n"
                "[options.extras_require]\ndocs = sphinx\n"
            ),
        },
    )
    runtime = purls(report, Scope.RUNTIME)
    assert {
        "pkg:pypi/httpx",
        "pkg:pypi/pydantic@2.7.0",
        "pkg:pypi/fastapi",
        "pkg:pypi/flask",
        "pkg:pypi/click",
        "pkg:pypi/rich",
    } <= runtime
    assert {
        "pkg:pypi/pytest",
        "pkg:pypi/ruff",
        "pkg:pypi/mypy",
        "pkg:pypi/black",
        "pkg:pypi/flake8",
        "pkg:pypi/sphinx",
    } <= purls(report, Scope.DEVELOPMENT)
    assert {"pkg:pypi/shapely", "pkg:pypi/boto3@1.34.0"} <= purls(report, Scope.OPTIONAL)
    assert "pkg:pypi/setuptools" in purls(report, Scope.BUILD)
    assert not report.named("pypi", "python")
    assert report.named("pypi", "flask")[0].constraint is None


def test_javascript_manifest_and_three_lock_formats(repo_factory):
    report = inventory_of(
        repo_factory,
        {
            "package.json": (
                '{\n  "name": "web",\n  "dependencies": {\n    "@angular/core": "^17.0.0",\n'
                '    "leaflet": "1.9.4"\n  },\n  "peerDependencies": {"react": ">=18"},\n'
                '  "devDependencies": {\n    "eslint": "^8.57.0"\n  }\n}\n'
            ),
            "package-lock.json": (
                '{"lockfileVersion": 3, "packages": {"": {"name": "web"},'
                ' "node_modules/@angular/core": {"version": "17.3.1"},'
                ' "node_modules/eslint": {"version": "8.57.0", "dev": true}}}'
            ),
            "app2/yarn.lock": (
                "# yarn lockfile v1\n\n"
                '"mapbox-gl@^2.0.0", mapbox-gl@^2.1.0:\n  version "2.15.0"\n  resolved "https://x"\n\n'
                'leaflet@^1.9.0:\n  version "1.9.4"\n'
            ),
            "app3/pnpm-lock.yaml": (
                "lockfileVersion: '6.0'\npackages:\n  /ol@9.1.0:\n    resolution: {integrity: x}\n"
                "  /@vue/runtime-core@3.4.21:\n    dev: false\n"
            ),
        },
    )
    assert {"pkg:npm/%40angular/core", "pkg:npm/leaflet@1.9.4"} <= purls(report, Scope.RUNTIME)
    assert purls(report, Scope.OPTIONAL) == {"pkg:npm/react"}
    assert purls(report, Scope.DEVELOPMENT) == {"pkg:npm/eslint"}
    angular = report.named("npm", "@angular/core")[0]
    assert angular.line == 4
    assert report.locked_version(angular) == "17.3.1"
    locked = purls(report, direct=False)
    assert {
        "pkg:npm/mapbox-gl@2.15.0",
        "pkg:npm/ol@9.1.0",
        "pkg:npm/%40vue/runtime-core@3.4.21",
    } <= locked
    assert report.has_lock_file()


POM = """<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <properties><ojdbc.version>23.3.0.23.09</ojdbc.version></properties>
  <dependencies>
    <dependency>
      <groupId>com.oracle.database.jdbc</groupId>
      <artifactId>ojdbc11</artifactId>
      <version>${ojdbc.version}</version>
    </dependency>
    <dependency>
      <groupId>junit</groupId>
      <artifactId>junit</artifactId>
      <version>4.13.2</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
  <build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId></plugin></plugins></build>
</project>
"""


def test_maven_pom_with_properties_scopes_and_plugins(repo_factory):
    report = inventory_of(repo_factory, {"pom.xml": POM})
    ojdbc = report.named("maven", "com.oracle.database.jdbc:ojdbc11")[0]
    assert ojdbc.purl == "pkg:maven/com.oracle.database.jdbc/ojdbc11@23.3.0.23.09"
    assert ojdbc.line == 8 and ojdbc.scope is Scope.RUNTIME
    assert purls(report, Scope.DEVELOPMENT) == {"pkg:maven/junit/junit@4.13.2"}
    assert "pkg:maven/org.apache.maven.plugins/maven-surefire-plugin" in purls(report, Scope.BUILD)


def test_gradle_groovy_kotlin_and_version_catalog(repo_factory):
    report = inventory_of(
        repo_factory,
        {
            "app/build.gradle": (
                "dependencies {\n"
                "  implementation 'com.google.firebase:firebase-firestore:24.1.0'\n"
                '  implementation("com.google.android.gms:play-services-maps:${mapsVersion}")\n'
                "  implementation platform('com.google.firebase:firebase-bom:32.0.0')\n"
                "  testImplementation group: 'junit', name: 'junit', version: '4.13'\n"
                "  implementation project(':core')\n"
                "}\n"
            ),
            "core/build.gradle.kts": 'dependencies {\n    api("org.osmdroid:osmdroid-android:6.1.18")\n}\n',
            "gradle/libs.versions.toml": (
                "[versions]\nroom = '2.6.1'\n[libraries]\n"
                "room-runtime = { module = 'androidx.room:room-runtime', version.ref = 'room' }\n"
                "junit-jupiter = 'org.junit.jupiter:junit-jupiter:5.10.0'\n"
            ),
        },
    )
    runtime = purls(report, Scope.RUNTIME)
    assert {
        "pkg:maven/com.google.firebase/firebase-firestore@24.1.0",
        "pkg:maven/com.google.android.gms/play-services-maps",
        "pkg:maven/com.google.firebase/firebase-bom@32.0.0",
        "pkg:maven/org.osmdroid/osmdroid-android@6.1.18",
        "pkg:maven/androidx.room/room-runtime@2.6.1",
    } <= runtime
    assert {
        "pkg:maven/junit/junit@4.13",
        "pkg:maven/org.junit.jupiter/junit-jupiter@5.10.0",
    } <= purls(report, Scope.DEVELOPMENT)
    maps = report.named("maven", "com.google.android.gms:play-services-maps")[0]
    assert maps.line == 3 and maps.constraint == "${mapsVersion}" and maps.version is None


def test_gradle_string_tricks_are_not_declarations(repo_factory):
    tricky = (
        "// implementation 'com.fake:line-comment:1'\n"
        "/* implementation 'com.fake:block-comment:1'\n   still a comment */\n"
        "def s = \"implementation 'com.fake:in-string:1'\"\n"
        "def t = '''\nimplementation 'com.fake:in-triple:1'\n'''\n"
        'def u = "unterminated\n'
        "configurations.implementation 'com.fake:not-a-declaration:1'\n"
        "def esc = 'it\\'s // not a comment'\n"
        "dependencies { implementation 'org.real:kept:2.0' }\n"
        + "'" * 5000
        + '"""' * 3
        + "/*" * 2000
    )
    report = inventory_of(repo_factory, {"build.gradle": tricky})
    assert purls(report) == {"pkg:maven/org.real/kept@2.0"}
    assert report.named("maven", "org.real:kept")[0].line == 11


def test_go_rust_php_ruby_elixir(repo_factory):
    report = inventory_of(
        repo_factory,
        {
            "go.mod": (
                "module example.org/app\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n"
                "\tgolang.org/x/text v0.14.0 // indirect\n)\n\nrequire firebase.google.com/go/v4 v4.14.0\n"
            ),
            "Cargo.toml": (
                "[package]\nname='x'\n[dependencies]\nserde = { version = '1', features = ['derive'] }\n"
                "tokio = '=1.36.0'\nlocal = { path = '../local' }\n[dev-dependencies]\ninsta = '1'\n"
                "[target.'cfg(windows)'.dependencies]\nwinapi = '0.3'\n"
            ),
            "composer.json": '{"require": {"php": ">=8.1", "ext-json": "*", "laravel/framework": "^11.0"}, "require-dev": {"phpunit/phpunit": "^10"}}',
            "Gemfile": (
                "source 'https://rubygems.org'\ngem 'rails', '7.1.3'\ngem \"pg\", \"~> 1.5\"\n"
                "group :development, :test do\n  gem 'rspec-rails'\nend\ngem 'rubocop', group: :development\n"
                "gem 'twilio-ruby' # SMS\n"
            ),
            "lib.gemspec": "Gem::Specification.new do |s|\n  s.add_dependency 'nokogiri', '>= 1.15'\n  s.add_development_dependency 'rake'\nend\n",
            "mix.exs": (
                "defmodule App.MixProject do\n  use Mix.Project\n  def project, do: [deps: deps()]\n"
                '  defp deps do\n    [\n      {:phoenix, "~> 1.7"},\n      {:credo, "~> 1.7", only: [:dev, :test], runtime: false},\n'
                '      {:ecto_sql, "~> 3.10"}\n    ]\n  end\nend\n'
            ),
        },
    )
    runtime = purls(report, Scope.RUNTIME)
    assert {
        "pkg:golang/github.com/gin-gonic/gin@v1.9.1",
        "pkg:golang/firebase.google.com/go/v4@v4.14.0",
        "pkg:cargo/serde",
        "pkg:cargo/tokio@1.36.0",
        "pkg:cargo/winapi",
        "pkg:composer/laravel/framework",
        "pkg:gem/rails@7.1.3",
        "pkg:gem/pg",
        "pkg:gem/twilio-ruby",
        "pkg:gem/nokogiri",
        "pkg:hex/phoenix",
        "pkg:hex/ecto_sql",
    } <= runtime
    assert {
        "pkg:cargo/insta",
        "pkg:composer/phpunit/phpunit",
        "pkg:gem/rspec-rails",
        "pkg:gem/rubocop",
        "pkg:gem/rake",
        "pkg:hex/credo",
    } <= purls(report, Scope.DEVELOPMENT)
    assert "pkg:golang/golang.org/x/text@v0.14.0" in purls(report, direct=False)
    assert not report.named("composer", "php") and not report.named("cargo", "local")
    assert report.named("hex", "phoenix")[0].line == 6
    assert report.named("cargo", "tokio")[0].line == 5


def test_dotnet_r_dart_and_containers(repo_factory):
    report = inventory_of(
        repo_factory,
        {
            "src/Api/Api.csproj": (
                '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup>'
                '<PackageReference Include="Microsoft.EntityFrameworkCore.SqlServer" Version="8.0.2" />'
                '<PackageReference Include="Npgsql"><Version>8.0.1</Version></PackageReference>'
                '<PackageReference Include="StyleCop.Analyzers" Version="1.1.118" PrivateAssets="all" />'
                "</ItemGroup></Project>"
            ),
            "legacy/packages.config": '<?xml version="1.0"?><packages><package id="Newtonsoft.Json" version="13.0.1" /></packages>',
            "DESCRIPTION": (
                "Package: mypkg\nTitle: A package\nVersion: 0.1\nDepends: R (>= 4.1), sf\n"
                "Imports:\n    dplyr (>= 1.1.0),\n    leaflet\nSuggests: testthat\n"
            ),
            "mobile/pubspec.yaml": (
                "name: app\ndependencies:\n  flutter:\n    sdk: flutter\n  google_maps_flutter: ^2.5.0\n"
                "  http: 1.2.0\ndev_dependencies:\n  flutter_test:\n    sdk: flutter\n  mockito: ^5.4.0\n"
            ),
            "Dockerfile": (
                "ARG PY=3.12\nFROM python:${PY}-slim AS build\nRUN echo hi\n"
                "FROM --platform=linux/amd64 mcr.microsoft.com/mssql/server:2022-latest\nFROM build\nFROM scratch\n"
            ),
            "docker-compose.yml": "services:\n  db:\n    image: postgis/postgis:16-3.4\n  app:\n    build: .\n",
        },
    )
    runtime = purls(report, Scope.RUNTIME)
    assert {
        "pkg:nuget/Microsoft.EntityFrameworkCore.SqlServer@8.0.2",
        "pkg:nuget/Npgsql@8.0.1",
        "pkg:nuget/Newtonsoft.Json@13.0.1",
        "pkg:cran/sf",
        "pkg:cran/dplyr",
        "pkg:cran/leaflet",
        "pkg:pub/google_maps_flutter",
        "pkg:pub/http@1.2.0",
        "pkg:docker/python@3.12-slim",
        "pkg:docker/mssql/server@2022-latest?repository_url=mcr.microsoft.com",
        "pkg:docker/postgis/postgis@16-3.4",
    } <= runtime
    assert {"pkg:nuget/StyleCop.Analyzers@1.1.118", "pkg:pub/mockito"} <= purls(
        report, Scope.DEVELOPMENT
    )
    assert purls(report, Scope.OPTIONAL) == {"pkg:cran/testthat"}
    assert not report.named("cran", "R") and not report.named("pub", "flutter")
    assert (
        len([d for d in report.dependencies if d.ecosystem == "docker" and d.path == "Dockerfile"])
        == 2
    )
    assert not report.problems


def test_vendored_manifests_are_skipped(repo_factory):
    report = inventory_of(
        repo_factory,
        {
            "package.json": '{"dependencies": {"leaflet": "1.9.4"}}',
            "node_modules/firebase/package.json": '{"dependencies": {"@firebase/app": "1"}}',
        },
    )
    assert report.manifests == ["package.json"]


# --- bad input ----------------------------------------------------------------------

BAD_MANIFESTS = {
    "package.json": "{not json",
    "a/package.json": "[1, 2, 3]",
    "pyproject.toml": "[project\nname = ",
    "Pipfile": "= = =",
    "setup.cfg": "no section header here\n",
    "composer.json": '{"require": ' + "[" * 100_000,
    "Cargo.toml": "[dependencies\n",
    "pubspec.yaml": "a: &x [1]\nb: *x\n",
    "b/pubspec.yaml": "dependencies: [unclosed\n",
    "docker-compose.yml": "services: :\n  - {",
    "go.mod": "this is not a go.mod\n",
    "x/Api.csproj": "<Project><ItemGroup>",
    "packages.config": "\x00\x01binary",
    "DESCRIPTION": "just some prose\nwithout fields\n",
    "package-lock.json": '{"packages": 7}',
    "c/pnpm-lock.yaml": "- a list\n",
}


def test_malformed_manifests_give_one_line_problems_never_crash(repo_factory):
    report = inventory_of(repo_factory, BAD_MANIFESTS)
    problems = {p.path: p.message for p in report.problems}
    for path in (
        "package.json",
        "a/package.json",
        "pyproject.toml",
        "Pipfile",
        "setup.cfg",
        "composer.json",
        "Cargo.toml",
        "pubspec.yaml",
        "b/pubspec.yaml",
        "docker-compose.yml",
        "go.mod",
        "x/Api.csproj",
        "packages.config",
        "DESCRIPTION",
        "c/pnpm-lock.yaml",
    ):
        assert path in problems, path
        assert "\n" not in problems[path]
    assert "aliases" in problems["pubspec.yaml"]
    assert report.dependencies == []


def test_xml_bomb_in_pom_is_refused(repo_factory):
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        + "".join(
            f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
            for i in range(1, 10)
        )
        + "]>\n<project><dependencies><dependency><groupId>&lol9;</groupId>"
        "<artifactId>a</artifactId></dependency></dependencies></project>\n"
    )
    external = (
        '<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        "<project><dependencies><dependency><groupId>&x;</groupId><artifactId>a</artifactId>"
        "</dependency></dependencies></project>\n"
    )
    report = inventory_of(repo_factory, {"pom.xml": bomb, "sub/pom.xml": external})
    problems = {p.path: p.message for p in report.problems}
    assert "refused unsafe XML" in problems["pom.xml"]
    assert "refused unsafe XML" in problems["sub/pom.xml"]
    assert report.dependencies == []


def test_dockerfile_without_from_is_a_clear_problem(repo_factory):
    report = inventory_of(repo_factory, {"Dockerfile": "RUN apt-get update\nCMD ['x']\n"})
    assert report.problems[0].path == "Dockerfile"
    assert "no FROM" in report.problems[0].message


@pytest.mark.slow
def test_huge_lock_file_is_skipped_with_a_warning_not_read(repo_factory):
    root: Path = repo_factory(
        {"package.json": '{"dependencies": {"leaflet": "1.9.4"}}'}, commit=False
    )
    chunk = b'{"name": "x", "packages": {' + b'"node_modules/a": {"version": "1.0.0"},' * 1000
    with (root / "package-lock.json").open("wb") as handle:
        handle.write(chunk)
        filler = b" " * (1024 * 1024)
        for _ in range(100):
            handle.write(filler)
        handle.write(b"}}")
    inventory = build_inventory(root)
    report = collect_dependencies(inventory)
    assert report.problems[0].path == "package-lock.json"
    assert "skipped" in report.problems[0].message and "MB" in report.problems[0].message
    assert inventory.bytes_read < 1024 * 1024  # the big file was never read
    assert purls(report) == {"pkg:npm/leaflet@1.9.4"}
