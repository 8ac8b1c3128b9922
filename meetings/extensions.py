"""What the apps above meetings add to a meeting's public pages, without meetings importing them.

An app registers, in its AppConfig.ready(), a function that gets the request and the meeting and
returns a `MeetingPanel` (a template and its context, shown on the meeting's overview) or None;
or a function returning a `MeetingTab` (a page of the meeting beside "Organization of work") or
None; or a `publish_summary` maker, returning the lines the publish confirmation shows of what
the app makes public with the meeting ("3 documents"); or an `item_links` maker, returning the
links the programme lists under each agenda item (papers: the documents filed under it); or an
`export_link` maker, returning a link shown beside the programme's own exports (the API's). Each
function runs a fixed number of queries, whatever the meeting holds.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from .models import Meeting


@dataclass(frozen=True)
class MeetingPanel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class MeetingTab:
    key: str
    label: str
    url: str


@dataclass(frozen=True)
class ItemLink:
    """A link listed under an agenda item in the programme: `label` links to `url`; `byline`
    (who it is by) follows it."""

    label: str
    url: str
    byline: str = ""
    # The label as the page writes it, when it needs markup (a title shown in English on a
    # French page carries lang="en"); else the label, escaped.
    label_html: str = ""


type PanelMaker = Callable[[HttpRequest, Meeting], MeetingPanel | None]
type TabMaker = Callable[[Meeting], MeetingTab | None]
type SummaryMaker = Callable[[Meeting], list[str]]
type ItemLinksMaker = Callable[[Meeting], dict[int, list[ItemLink]]]

_panel_makers: list[PanelMaker] = []
_tab_makers: list[TabMaker] = []
_summary_makers: list[SummaryMaker] = []
_item_links_makers: list[ItemLinksMaker] = []


def meeting_panel(maker: PanelMaker) -> PanelMaker:
    """Register `maker`: a decorator."""
    if maker not in _panel_makers:
        _panel_makers.append(maker)
    return maker


def meeting_tab(maker: TabMaker) -> TabMaker:
    """Register `maker`: a decorator."""
    if maker not in _tab_makers:
        _tab_makers.append(maker)
    return maker


def panels_for(request: HttpRequest, meeting: Meeting) -> list[MeetingPanel]:
    return [panel for maker in _panel_makers if (panel := maker(request, meeting)) is not None]


def tabs_for(meeting: Meeting) -> list[MeetingTab]:
    return [tab for maker in _tab_makers if (tab := maker(meeting)) is not None]


def publish_summary(maker: SummaryMaker) -> SummaryMaker:
    """Register `maker`: a decorator."""
    if maker not in _summary_makers:
        _summary_makers.append(maker)
    return maker


def publish_summary_for(meeting: Meeting) -> list[str]:
    return [line for maker in _summary_makers for line in maker(meeting)]


def item_links(maker: ItemLinksMaker) -> ItemLinksMaker:
    """Register `maker`: a decorator. It returns the links by agenda item id."""
    if maker not in _item_links_makers:
        _item_links_makers.append(maker)
    return maker


def item_links_for(meeting: Meeting) -> dict[int, list[ItemLink]]:
    found: dict[int, list[ItemLink]] = {}
    for maker in _item_links_makers:
        for item_pk, links in maker(meeting).items():
            found.setdefault(item_pk, []).extend(links)
    return found


type ExportLinkMaker = Callable[[Meeting], ItemLink | None]

_export_link_makers: list[ExportLinkMaker] = []


def export_link(maker: ExportLinkMaker) -> ExportLinkMaker:
    """Register `maker`: a decorator."""
    if maker not in _export_link_makers:
        _export_link_makers.append(maker)
    return maker


def export_links_for(meeting: Meeting) -> list[ItemLink]:
    return [link for maker in _export_link_makers if (link := maker(meeting)) is not None]
