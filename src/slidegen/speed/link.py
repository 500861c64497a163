"""A link in a build's slide source: an accelerator in front of the next source (in the end the
pipeline's SlideMaker), passing on whatever it does not change."""

from __future__ import annotations

from ..build import Build, BuildResult, Made, PlannedSlide, SlideMaker


class Link(SlideMaker):
    """Passes every call on to `then`; a link overrides what it accelerates."""

    def __init__(self, then: SlideMaker):
        self.then = then

    def will_make(self, build: Build) -> list[PlannedSlide]:
        return self.then.will_make(build)

    def start(self, build: Build, to_make: list[PlannedSlide]) -> None:
        self.then.start(build, to_make)

    def title(self, build: Build) -> tuple[str, set]:
        return self.then.title(build)

    def slide(self, build: Build, planned: PlannedSlide, number: int) -> Made:
        return self.then.slide(build, planned, number)

    def written(self, build: Build, result: BuildResult) -> None:
        self.then.written(build, result)

    def close(self) -> None:
        self.then.close()
