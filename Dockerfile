# The kg API (FastAPI under uvicorn) in a container. Used by docker-compose.yml, which runs it against the
# `neo4j` service; on its own it serves the embedded NetworkX graph under /app/data (KG_DATA_DIR).
#
#   docker build -t kg-api .
#   docker run --rm -p 8000:8000 kg-api
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies and code first (the layer is rebuilt only when they change), the sample corpus after.
COPY pyproject.toml README.md ./
COPY kg ./kg
COPY kg_cli ./kg_cli
COPY pipelines ./pipelines
COPY api ./api
RUN pip install . && useradd --create-home --uid 10001 kg && mkdir -p /app/data && chown kg /app/data
COPY corpus ./corpus

USER kg
ENV KG_DATA_DIR=/app/data
EXPOSE 8000

# The app factory reads its settings from the environment (api/settings.py: KG_STORE, KG_DATA_DIR, and
# NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE for the Neo4j store).
CMD ["uvicorn", "api.app:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000"]
