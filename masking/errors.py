"""The one error a document can raise: it names the document and the problem."""


class DocumentError(ValueError):
    def __init__(self, name: str, problem: str):
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem
