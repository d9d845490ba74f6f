"""Where the picker's widgets go: the filters over the list, the card beside it (scrolling, with
its buttons wrapping under it), the Models and Endpoints tabs, and the Tab order. The dialog
(``dialog.py``) makes the widgets and wires them; this only places them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.ui.text.i18n import translate
from app.ui.widgets.accessibility import tab_chain
from app.ui.widgets.flow_layout import wrapping_row
from app.ui.widgets.scroll_page import scroll_page

if TYPE_CHECKING:
    from app.ui.picker.dialog import ModelPicker


def lay_out(p: ModelPicker) -> tuple[QTabWidget, QScrollArea]:
    """Place ``p``'s widgets; returns its tabs and the card's scroll area."""
    filters = wrapping_row(p, (p.context, p.fits_only, p.size_filter))
    left = QWidget(p)
    ll = QVBoxLayout(left)
    ll.setContentsMargins(0, 0, 0, 0)
    ll.addWidget(filters)
    ll.addWidget(p.tree)
    # The card scrolls when the dialog is small or the font large, what just happened (the
    # status) first; the buttons stay in view, wrapping onto a second line if they must.
    card = QWidget(p)
    cl = QVBoxLayout(card)
    cl.setContentsMargins(0, 0, 4, 0)
    for w in (p.status, p.card_title, p.card, p.bar, p.fit_detail):
        w.setParent(card)
        cl.addWidget(w)
    cl.addStretch(1)
    scroll = QScrollArea(p)
    scroll.setAccessibleName(translate("ModelPicker", "About the selected model"))
    scroll.setAccessibleDescription(translate("ModelPicker", "Arrow keys scroll"))
    scroll.setObjectName("CardScroll")
    scroll.setWidget(card)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    right = QWidget(p)
    rl = QVBoxLayout(right)
    rl.addWidget(scroll, 1)
    rl.addWidget(p.progress)
    rl.addWidget(
        wrapping_row(right, (p.use, p.download, p.cancel_dl, p.delete, p.check))
    )  # Load first: never wrapped away
    split = QSplitter(p)
    split.addWidget(left)
    split.addWidget(right)
    split.setSizes([600, 440])
    more = wrapping_row(p, (p.add_hf, p.open_file))  # wraps in a narrow dialog (a large font, long German words)
    bottom = QHBoxLayout()
    bottom.addWidget(more, 1)
    bottom.addWidget(p.close_btn, 0, Qt.AlignmentFlag.AlignBottom)
    models_page = QWidget(p)
    ml = QVBoxLayout(models_page)
    ml.addWidget(p.machine)
    ml.addWidget(p.recommendation)
    ml.addWidget(split, 1)
    tabs = QTabWidget(p)
    tabs.addTab(models_page, translate("ModelPicker", "Models"))
    tabs.addTab(scroll_page(p.endpoints_tab), translate("ModelPicker", "Endpoints"))
    tabs.setAccessibleName(translate("ModelPicker", "Local models or remote servers"))
    tabs.tabBar().setAccessibleName(translate("ModelPicker", "Models or endpoints"))
    tab_chain(
        tabs.tabBar(),
        p.context,
        p.fits_only,
        p.size_filter,
        p.tree,
        scroll,
        p.download,
        p.cancel_dl,
        p.delete,
        p.use,
        p.check,
        p.add_hf,
        p.open_file,
        p.close_btn,
    )
    lay = QVBoxLayout(p)
    lay.addWidget(p.offline)
    lay.addWidget(tabs, 1)
    lay.addLayout(bottom)
    return tabs, scroll
