"""Page cuts from measured positions, without Qt: rows kept whole, heads repeated while their table goes on."""

from planner.reports.pages import Page, TableSpan, cut_pages


def test_pages_end_between_rows_and_repeat_the_head_only_inside_its_table():
    table = TableSpan(top=10, bottom=250, head=(10, 30), cuts=[60, 110, 160, 210], last_resort=[])
    pages = cut_pages([table], line_tops=[0, 5, 260, 270], end=280, height=100)
    assert pages == [Page(0, 60), Page(60, 110, (10, 30)), Page(110, 160, (10, 30)), Page(160, 210, (10, 30)),
                     Page(210, 280, (10, 30))]
    after = cut_pages([table], line_tops=[0, 5, 260, 270, 300, 340], end=350, height=100)
    assert after[-2:] == [Page(210, 270, (10, 30)), Page(270, 350)]  # past its table, a head is not repeated
    assert all(p.bottom - p.top + (p.head[1] - p.head[0] if p.head else 0) <= 100 for p in pages)


def test_a_row_taller_than_a_page_is_cut_between_its_lines_and_a_tall_head_is_left_out():
    tall = TableSpan(top=0, bottom=400, head=(0, 80), cuts=[390], last_resort=[90, 170, 250, 330])
    pages = cut_pages([tall], line_tops=[], end=400, height=100)
    assert [(p.top, p.bottom, p.head) for p in pages] == [
        (0, 90, None), (90, 170, None), (170, 250, None), (250, 330, None), (330, 400, None)]
