"""The DPG Standard's questions (``dpgkit.standard``), listed so ``makemessages`` puts them in
our catalogs: the applicant's answers form and the review pages show them in the page's
language (``review.words.question_label``). Nothing imports this module. Each string must stay
exactly as the Standard spells it: a test keeps this list and the Standard's questions the same;
a question with no translation is shown in English, marked ``lang="en"``.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

QUESTIONS = [
    gettext_noop("Please enter the full name of your digital solution."),
    gettext_noop("Please write a tweet-length description of the solution."),
    gettext_noop("Please provide link(s) to the website or webpage of your digital solution."),
    gettext_noop(
        "What is the public address of the solution's source repository (https://host/owner/name)? Evidence files are linked there, at the assessed commit."
    ),
    gettext_noop("In which countries is the solution developed?"),
    gettext_noop("In which countries is the solution deployed?"),
    gettext_noop(
        "Which SDGs is your solution relevant to? Select the SDGs that are MOST relevant to your solution."
    ),
    gettext_noop(
        "How is your solution relevant to each SDG you selected? State in a couple of sentences the relationship between your solution and the selected SDGs' targets."
    ),
    gettext_noop("Which open license(s) is/are used by your solution?"),
    gettext_noop(
        "Provide evidence of use of the selected open license(s) - link(s) to public pages where the license(s) are hosted for this project."
    ),
    gettext_noop(
        "Who owns this digital solution? If there is no formal organization associated with the solution, enter the names of the people who own it."
    ),
    gettext_noop(
        "Provide evidence of ownership - link(s) to the copyright, trademarks, or publicly available ownership documentation."
    ),
    gettext_noop(
        "For content collections and data sets, do you own all of the content and/or data in this collection?"
    ),
    gettext_noop(
        "Does this solution use any closed components that create proprietary dependency? (Yes or No)"
    ),
    gettext_noop(
        "How can these closed component(s) be replaced with open alternative(s)? List the open alternatives and show they can replace the closed components with minimal configuration changes."
    ),
    gettext_noop(
        "Where is your solution's documentation? Summarize how and where the solution is documented, with link(s) to all relevant documents."
    ),
    gettext_noop("Does your solution collect or use non-PII data and/or content? (Yes or No)"),
    gettext_noop(
        "Describe the mechanism for extracting or importing non-PII data from or into the system in a non-proprietary format (CSV/XML/JSON, or APIs)."
    ),
    gettext_noop(
        "Provide a list of relevant privacy, domestic and other applicable international laws your solution complies with."
    ),
    gettext_noop(
        "Provide evidence of adherence with the laws mentioned above - link(s) to the privacy policy, terms of service or other relevant legal documentation."
    ),
    gettext_noop(
        "Provide a list of the open standards your solution adheres to and demonstrate adherence."
    ),
    gettext_noop(
        "Provide a list of best practices and principles your solution adheres to and demonstrate adherence."
    ),
    gettext_noop(
        "Does this solution collect, store or distribute personally identifiable information (PII) data? (Yes or No)"
    ),
    gettext_noop("Please list the types of PII data collected and/or stored by the solution."),
    gettext_noop(
        "Does this solution share this PII data with third parties? (Yes or No) If yes, under which circumstances?"
    ),
    gettext_noop(
        "Describe the steps you take to ensure the privacy and security of PII data, and that it is not misused."
    ),
    gettext_noop(
        "Does this solution collect, store or distribute content? (Yes or No) If yes, what type of content?"
    ),
    gettext_noop(
        "What are the types of content that are collected, stored or distributed? Please list the types of content."
    ),
    gettext_noop(
        "Does this solution have policies that describe what is considered inappropriate content? Link to those policies or guidelines."
    ),
    gettext_noop(
        "Does the project have policies and processes for detecting, moderating, reporting and removing inappropriate or illegal content? Describe them, with the average response time."
    ),
    gettext_noop(
        "Does this solution facilitate interactions with or between users or contributors? (Yes or No)"
    ),
    gettext_noop(
        "Does the project take steps to address the safety and security of underage users? Describe them."
    ),
    gettext_noop(
        "Does the project help users and contributors protect themselves against grief, abuse and harassment? Describe the steps."
    ),
]
