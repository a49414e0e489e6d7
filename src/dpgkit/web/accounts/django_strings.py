"""Django's own words that our account pages show, listed so ``makemessages`` puts them in our
catalogs. Django's Kazakh catalog lacks them (password validators, the sign-up form's help
texts, the login error); translations in ``dpgkit/web/locale`` take precedence over Django's,
so listing a message here and translating it fills the gap. The Russian entries repeat
Django's own translations. Nothing imports this module: it exists to be read by gettext.

Each string must stay exactly as Django spells it (typographic apostrophes included); the
account pages' tests fail on any English left on a translated page.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_MESSAGES = [
    # django.contrib.auth.forms
    gettext_noop("Username"),
    gettext_noop("Email"),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both "
        "fields may be case-sensitive."
    ),
    # django.contrib.auth.models and validators
    gettext_noop("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
    gettext_noop(
        "Enter a valid username. This value may contain only letters, "
        "numbers, and @/./+/-/_ characters."
    ),
    gettext_noop("email address"),
    # django.contrib.auth.password_validation
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("This password is entirely numeric."),
    # django.core.validators
    gettext_noop("Enter a valid email address."),
]

DJANGO_PLURAL_MESSAGES = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "n",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
]
