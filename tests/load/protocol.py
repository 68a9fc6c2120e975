"""A dashboard session without a browser: the websocket a browser tab opens to `streamlit
run` (`/_stcore/stream`), speaking the frontend's protobuf messages. Each action (submit the
login form, click a page link, move a slider, pick an area) is the BackMsg `rerun_script` the
frontend sends for it: the page, the fragment if the widget is in one, and the widget values
changed (the server keeps the others, as it does for a browser); the server runs the script
in a session of its own and streams the elements back (ForwardMsg deltas) until
`script_finished`. What costs a browser seconds (layout, plotly, fonts) is skipped;
everything the server does is real.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

_DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
CONTENT = ("metric", "dataframe", "plotly_chart")  # what a rendered page shows besides text


@dataclass(frozen=True)
class Widget:
    id: str
    fragment_id: str  # non-empty inside an st.fragment: its changes rerun only the fragment
    proto: Any  # the element's own message (Slider, Selectbox, …): label, options, bounds


@dataclass
class Run:
    """One script run as the server sent it: its elements (with the fragment each belongs
    to) and how it finished."""

    status: int
    elements: list[tuple[str, Element]] = field(default_factory=list)

    def of(self, kind: str) -> list[tuple[str, Element]]:
        return [(f, e) for f, e in self.elements if e.WhichOneof("type") == kind]

    def texts(self) -> list[str]:
        """Headings, markdown and captions."""
        return [e.heading.body for _, e in self.of("heading")] + [
            e.markdown.body for _, e in self.of("markdown")
        ]

    def errors(self) -> list[str]:
        """What a user would see as a failure: an exception box, an st.error, a run that
        did not finish."""
        found = [f"{e.exception.type}: {e.exception.message}" for _, e in self.of("exception")]
        found += [e.alert.body for _, e in self.of("alert") if e.alert.format == Alert.ERROR]
        if self.status not in _DONE:
            found.append(f"script_finished status {self.status}")
        return found

    def widget(self, kind: str, label: str) -> Widget | None:
        """The widget of this kind and label, if the run showed it."""
        for fragment, element in self.of(kind):
            proto = getattr(element, kind)
            if proto.label == label:
                return Widget(proto.id, fragment, proto)
        return None


class Session:
    """One connected tab. `pages` maps page titles to the hashes st.navigation announced."""

    def __init__(self, ws: websockets.ClientConnection, timeout_s: float) -> None:
        self._ws = ws
        self._timeout_s = timeout_s
        self.pages: dict[str, str] = {}
        self.page = ""

    async def rerun(
        self, page: str | None = None, widgets: Iterable[WidgetState] = (), fragment_id: str = ""
    ) -> Run:
        """Request a run (of `page`, by title; else the current page) and collect it, through
        any st.rerun() it asks for, until it has finished; at most `timeout_s`."""
        msg = BackMsg()
        state = msg.rerun_script
        state.SetInParent()  # an empty request is still a rerun request
        state.page_script_hash = self.pages[page] if page is not None else self.page
        state.fragment_id = fragment_id
        state.widget_states.widgets.extend(widgets)
        await self._ws.send(msg.SerializeToString())
        return await asyncio.wait_for(self._collect(), self._timeout_s)

    async def _collect(self) -> Run:
        run = Run(status=-1)
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self._ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                run.elements.append((msg.delta.fragment_id, msg.delta.new_element))
            elif kind == "navigation":
                self.pages = {p.page_name: p.page_script_hash for p in msg.navigation.app_pages}
                self.page = msg.navigation.page_script_hash
            elif kind == "ref_hash":  # only sent for messages the client says it has cached
                raise AssertionError("server sent a cache reference to a client without cache")
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    run = Run(status=-1)  # st.rerun(): the next run replaces this one
                    continue
                run.status = msg.script_finished
                return run

    async def login(self, user: str, password: str) -> Run:
        """Open the app, fill in the login form and submit it; returns the landing page's
        run."""
        form = await self.rerun()
        name = form.widget("text_input", "用户名")
        secret = form.widget("text_input", "密码")
        submit = form.widget("button", "登录")
        if name is None or secret is None or submit is None:
            raise AssertionError(f"no login form: {form.texts()} {form.errors()}")
        return await self.rerun(
            widgets=[
                WidgetState(id=name.id, string_value=user),
                WidgetState(id=secret.id, string_value=password),
                WidgetState(id=submit.id, trigger_value=True),
            ]
        )


def option_state(widget_id: str, option: str) -> WidgetState:
    """A selectbox set to one of its options (as shown)."""
    return WidgetState(id=widget_id, string_value=option)


def slider_state(widget_id: str, value: float) -> WidgetState:
    state = WidgetState(id=widget_id)
    state.double_array_value.data.append(value)
    return state


@asynccontextmanager
async def connect(url: str, timeout_s: float) -> AsyncIterator[Session]:
    """A session of the app served at `url` (http://127.0.0.1:port)."""
    stream = url.replace("http://", "ws://", 1) + "/_stcore/stream"
    async with websockets.connect(
        stream,
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=timeout_s,
        ping_interval=None,
    ) as ws:
        yield Session(ws, timeout_s)
