"""PubMed/MEDLINE XML (efetch, or "Save as PubMed XML": https://www.nlm.nih.gov/bsd/licensee/
elements_descriptions.html): a <PubmedArticleSet> of <PubmedArticle>s.

Each gives its PMID, ArticleTitle, Abstract (AbstractText parts, labelled or not),
AuthorList (LastName + ForeName, or CollectiveName), the journal and its year, its DOI
(ELocationID or ArticleIdList) and, when PubMed has it, a ReferenceList whose
references name their cited works by PMID or DOI."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from kg.inputs.identity import doi_of
from kg.inputs.records import isolated, parse_year
from kg.inputs.text import new_paper, squash
from kg.model import Paper, Problem

ARTICLE = re.compile(r"<PubmedArticle[\s>]")


def looks_like_pubmed(path: str, head: str) -> bool:
    return "<PubmedArticleSet" in head or "<PubmedArticle>" in head or \
        "PubmedArticleSet" in head and "<!DOCTYPE" in head


def text_of(element: ET.Element | None) -> str:
    """All the text inside an element (its markup such as <i> dropped), squashed."""
    return squash("".join(element.itertext())) if element is not None else ""


def authors(article: ET.Element) -> list[str]:
    names = []
    for author in article.iterfind("MedlineCitation/Article/AuthorList/Author"):
        collective = text_of(author.find("CollectiveName"))
        given = text_of(author.find("ForeName")) or text_of(author.find("Initials"))
        name = collective or " ".join(part for part in (given, text_of(author.find("LastName")))
                                      if part)
        if name:
            names.append(name)
    return names


def abstract(article: ET.Element) -> str:
    """The abstract's parts in order, each labelled part starting with its label."""
    parts = []
    for part in article.iterfind("MedlineCitation/Article/Abstract/AbstractText"):
        label = part.get("Label")
        parts.append(f"{label}: {text_of(part)}" if label else text_of(part))
    return " ".join(parts)


def year(article: ET.Element) -> int | None:
    date = article.find("MedlineCitation/Article/Journal/JournalIssue/PubDate")
    if date is None:
        return None
    return parse_year(text_of(date.find("Year")) or text_of(date.find("MedlineDate")))


def doi(article: ET.Element) -> str | None:
    for element in (*article.iterfind("MedlineCitation/Article/ELocationID"),
                    *article.iterfind("PubmedData/ArticleIdList/ArticleId")):
        if (element.get("EIdType") or element.get("IdType")) == "doi":
            return doi_of(text_of(element))
    return None


def reference(element: ET.Element) -> dict | None:
    """A cited work: by PMID (else DOI), titled by its citation text."""
    ids = {item.get("IdType"): text_of(item)
           for item in element.iterfind("ArticleIdList/ArticleId")}
    citation = text_of(element.find("Citation")) or None
    cited_doi = doi_of(ids.get("doi", ""))
    key = f"pmid:{ids['pubmed']}" if ids.get("pubmed") else cited_doi and f"doi:{cited_doi}"
    if not key and not citation:
        return None
    return {"id": key or None, "title": citation, **({"doi": cited_doi} if cited_doi else {})}


def paper_from_article(path: str, line: int, article: ET.Element) -> Iterator[Paper | Problem]:
    pmid = text_of(article.find("MedlineCitation/PMID"))
    found_doi = doi(article)
    references = [found for found in map(reference, article.iterfind(
        "PubmedData/ReferenceList/Reference")) if found]
    yield from new_paper(
        path, line, text_of(article.find("MedlineCitation/Article/ArticleTitle")),
        abstract(article), id=f"pmid:{pmid}" if pmid else None, authors=authors(article),
        year=year(article), url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else None,
        doi=found_doi, venue=text_of(article.find("MedlineCitation/Article/Journal/Title"))
        or None, references=references)


def read_pubmed(path: str, lines: list[tuple[int, str]]) -> Iterator[Paper | Problem]:
    """A paper per <PubmedArticle>; each numbered by the line its tag opens on."""
    text = "\n".join(line for _, line in lines)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        yield Problem(path, error.position[0], f"invalid XML ({error}), file skipped")
        return
    starts, line, position = [], 1, 0
    for match in ARTICLE.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        starts.append(line)
    for index, article in enumerate(root.iter("PubmedArticle")):
        line = starts[index] if index < len(starts) else 1
        yield from isolated(path, line, None,
                            lambda a=article, n=line: paper_from_article(path, n, a))
