"""What the project-level SDG analysis reads and answers: passages of the project's own
words in, proposed goals with their evidence out.

Types only, without numpy: the pipeline gathers the passages, and the probes read the
answer, in modules imported before the scan pass forks its workers, which never need the
classifier (``dpgkit.sdg.project`` computes the answer, in this process, meanwhile).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Passage:
    """Words of the project with where they come from and how much they speak for it."""

    source: str  # "readme", "readme-intro", "description", "publiccode", "app", "locale", ...
    path: str
    line: int | None
    text: str
    weight: float = 1.0


@dataclass
class Support:
    sentence: str
    path: str
    line: int | None
    score: float
    language: str = "en"  # "en", "ru" or "kk"


@dataclass
class GoalEvidence:
    sdg: int
    score: float  # the project vector's score for the goal
    strong: bool
    explicit: bool
    confidence: str = "low"  # "high", "medium" or "low" (thresholds: dpgkit.sdg.project)
    targets: list[str] = field(default_factory=list)
    support: list[Support] = field(default_factory=list)


@dataclass
class DeveloperTool:
    reason: str
    path: str
    line: int | None
    phrase: str


@dataclass
class Relevance:
    goals: list[GoalEvidence]  # proposed goals, best first (at most MAX_SUGGESTIONS)
    developer_tool: DeveloperTool | None
    language: str  # "en", "ru", "kk" (the language of the goal/target texts to show)
    words: int
    ranking: list[tuple[int, float]] = field(default_factory=list)  # all 17, best first
    sources: dict[str, int] = field(default_factory=dict)  # passages read, by kind

    @property
    def strong(self) -> list[GoalEvidence]:
        return [goal for goal in self.goals if goal.strong]

    @property
    def confidence(self) -> str:
        return self.goals[0].confidence if self.goals else "low"
