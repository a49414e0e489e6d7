"""Fixture checkouts for the privacy and do-no-harm indicators (used by several test files)."""

from __future__ import annotations

README = """# {name}

{description}

## Installation

pip install {slug}

## Usage

Run `{slug} --help`.
"""


def readme(name: str, description: str) -> str:
    return README.format(name=name, description=description, slug=name.lower().replace(" ", "-"))


NO_PERSONAL_DATA = {
    "README.md": readme("Rain Gauge Tools", "Converts rain gauge readings between units."),
    "LICENSE": "MIT License\n",
    "raingauge/__init__.py": "",
    "raingauge/convert.py": (
        "def mm_to_inches(value: float) -> float:\n"
        "    # convert a reading\n"
        "    return value / 25.4\n"
    ),
    "raingauge/models.py": (
        "from dataclasses import dataclass\n\n"
        "@dataclass\nclass Reading:\n    station_code: str\n    millimetres: float\n"
    ),
}

DJANGO_PII = {
    "README.md": readme("Clinic Register", "Registers patients at rural clinics."),
    "clinic/models.py": (
        "from django.db import models\n"
        "from django.contrib.auth.models import AbstractUser\n\n\n"
        "class Patient(models.Model):\n"
        "    first_name = models.CharField(max_length=100)\n"
        "    last_name = models.CharField(max_length=100)\n"
        "    phone = models.CharField(max_length=20)\n"
        "    iin = models.CharField('ИИН', max_length=12)\n"
        "    date_of_birth = models.DateField()\n"
        "    diagnosis = models.TextField(blank=True)\n"
        "    home_address = models.TextField()\n\n\n"
        "class Worker(AbstractUser):\n"
        "    district = models.CharField(max_length=50)\n"
    ),
    "clinic/settings.py": (
        "import os\n"
        "SECRET_KEY = os.environ['SECRET_KEY']\n"
        "INSTALLED_APPS = ['django.contrib.auth', 'clinic']\n"
        "SESSION_COOKIE_SECURE = True\n"
    ),
    "docs/privacy.md": (
        "# Privacy policy\n\n"
        "We process personal data under the General Data Protection Regulation (GDPR)\n"
        'and Kazakhstan\'s Law No. 94-V "On Personal Data and their Protection".\n'
        "You may ask us to erase your data.\n"
    ),
    "SECURITY.md": "# Security\n\nReport vulnerabilities privately to security@clinic.example.org.\n",
}

UPLOADS_NO_POLICY = {
    "README.md": readme(
        "Village Board", "A notice board where villagers share photos and comments."
    ),
    "board/models.py": (
        "from django.db import models\n\n\n"
        "class Post(models.Model):\n"
        "    title = models.CharField(max_length=200)\n"
        "    body = models.TextField()\n"
        "    photo = models.ImageField(upload_to='posts/')\n\n\n"
        "class Comment(models.Model):\n"
        "    post = models.ForeignKey(Post, on_delete=models.CASCADE)\n"
        "    text = models.TextField()\n"
    ),
    "board/views.py": (
        "def upload(request):\n"
        "    image = request.FILES['photo']\n"
        "    return save(image)\n\n\n"
        "def add_comment(request, post_id):\n"
        "    return create(post_id, request.POST['text'])\n"
    ),
}

POLICY_AND_MODERATION = {
    **UPLOADS_NO_POLICY,
    "README.md": readme("Village Board", "A moderated notice board for villagers."),
    "CODE_OF_CONDUCT.md": "# Code of conduct\n\nReport abuse to conduct@board.example.org.\n",
    "docs/community-guidelines.md": (
        "# Community guidelines\n\n"
        "You must not post illegal content. Child sexual abuse material (CSAM) is removed at once\n"
        "and reported to the authorities. Hate speech and harassment are not allowed.\n\n"
        "## Reporting\n\nUse the Report button; moderators review reports within 24 hours.\n"
        "Users under the age of 13 may not register; minors need parental consent.\n"
    ),
    "board/moderation.py": (
        "def report_post(request, post_id):\n"
        "    flag = Flag.objects.create(post_id=post_id, reported_by=request.user)\n"
        "    return flag\n\n\n"
        "def moderation_queue(request):\n"
        "    return Post.objects.filter(pending_review=True)\n\n\n"
        "def block_user(request, user_id):\n"
        "    return Block.objects.create(blocker=request.user, blocked_id=user_id)\n\n\n"
        "MINIMUM_AGE = 13\n"
    ),
}

# Built at run time so that no complete credential sits in this repository's own source.
LIVE_AWS_KEY = "AKIA" + "Q3EGRVNY7XHZP2KD"
LIVE_STRIPE_KEY = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
PRIVATE_KEY_BODY = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun"
PRIVATE_KEY = (
    "-----BEGIN RSA " + "PRIVATE KEY-----\n" + PRIVATE_KEY_BODY + "\n"
    "VTLw7onLRnrq0zIzW7yWR7QkrmBL7jTKEn5uqKhbwKfBstIsbMY2Zkp18gnTxKz\n"
    "-----END RSA " + "PRIVATE KEY-----\n"
)
RANDOM_SIGNING_VALUE = "Zm9vYmFyYmF6cXV4OTg3NjU0MzIxYWJjZGVmZ2hpams"

COMMITTED_KEY = {
    "README.md": readme("Sms Gateway", "Sends reminders by SMS."),
    "deploy/id_rsa": PRIVATE_KEY,
    "gateway/settings.py": (
        f'AWS_ACCESS_KEY_ID = "{LIVE_AWS_KEY}"\n'
        f'STRIPE_KEY = "{LIVE_STRIPE_KEY}"\n'
        f'signing = "{RANDOM_SIGNING_VALUE}"\n'
    ),
    "tests/test_gateway.py": 'token = "ghp_' + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789" + '"\n',
}

SECRET_VALUES = (
    LIVE_AWS_KEY,
    LIVE_STRIPE_KEY,
    PRIVATE_KEY_BODY,
    RANDOM_SIGNING_VALUE,
    "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
)
