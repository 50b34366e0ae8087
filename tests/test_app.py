"""The page lists the library and answers a search (streamlit's AppTest, real library and model)."""

from streamlit.testing.v1 import AppTest

from tests.conftest import REPO, SAMPLES


def test_page_lists_articles_and_searches(library):
    library.ingest([str(SAMPLES)])
    app = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=120).run()
    assert not app.exception
    sidebar_text = " ".join(t.value for t in app.sidebar.text)
    assert "Valley Courier" in sidebar_text and "Metro Wire" in sidebar_text
    app.text_input[0].input("How much will the repairs cost?").run()
    assert not app.exception
    shown = " ".join(t.value for t in app.main.text)
    assert "million" in shown


def test_empty_library_says_how_to_add_articles():
    app = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=120).run()
    assert not app.exception
    assert any("library is empty" in i.value for i in app.sidebar.info)
