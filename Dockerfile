# The dashboard in a container: pinned packages, a non-root user, a health check.
#   docker build -t jvties .
#   docker run -p 8501:8501 jvties --server.allowedHosts dash.example.org
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --disable-pip-version-check -r requirements.txt

RUN useradd --create-home --uid 10001 dashboard
COPY --chown=dashboard:dashboard . .
USER dashboard

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"

ENTRYPOINT ["streamlit", "run", "dashboard.py", "--server.address", "0.0.0.0", "--server.port", "8501"]
