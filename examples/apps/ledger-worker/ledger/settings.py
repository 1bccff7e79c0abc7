import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
INSTALLED_APPS = ["django.contrib.contenttypes", "ledger"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": "ledger",
        "USER": "ledger",
        "PASSWORD": os.environ.get("DB_PASSWORD", ""),
        # Pinned to the first instance while the batch jobs were tuned.
        "HOST": "ledger-prod-instance-1.c7x2kq4mpl9e.us-east-1.rds.amazonaws.com",
        "PORT": "3306",
        "CONN_MAX_AGE": 600,
    }
}
