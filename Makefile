# Developer conveniences. Users and CI need none of this: the two commands are in the README.
.PHONY: vendor messages

# Refresh static/vendor from the npm registry (package.json / package-lock.json).
vendor:
	npm ci
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map static/vendor/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map static/vendor/bootstrap/
	cp node_modules/bootstrap/LICENSE static/vendor/bootstrap/LICENSE
	cp node_modules/bootstrap-icons/font/bootstrap-icons.min.css static/vendor/bootstrap-icons/
	cp node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff2 node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff static/vendor/bootstrap-icons/fonts/
	cp node_modules/bootstrap-icons/LICENSE static/vendor/bootstrap-icons/LICENSE
	cp .venv/lib/python3*/site-packages/django_htmx/static/django_htmx/htmx-2.min.js static/vendor/htmx/htmx.min.js

# Update the translation catalogs after changing strings, then compile them.
messages:
	.venv/bin/python manage.py makemessages -l zh_Hant -l zh_Hans -l en --no-obsolete --no-location
	.venv/bin/python manage.py compilemessages
