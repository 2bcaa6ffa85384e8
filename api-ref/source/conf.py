"""Sphinx configuration of the container service API reference.

Build with ``tox -e api-ref``, or with
``sphinx-build -W -b html api-ref/source api-ref/build/html`` in an
environment that has sphinx and os-api-ref.
"""

project = 'Container Service API Reference'
copyright = 'The zun project developers'
author = 'The zun project developers'

# os-api-ref provides the rest_method, rest_parameters and
# rest_status_code directives and pulls in openstackdocstheme.
extensions = ['os_api_ref', 'openstackdocstheme']

master_doc = 'index'
exclude_patterns = ['samples']
pygments_style = 'native'

html_theme = 'openstackdocs'
html_theme_options = {'sidebar_mode': 'toc'}

# openstackdocstheme builds source and bug tracker links from these names.
# The project has no opendev repository or Launchpad project, so the bug
# links are off.
openstackdocs_repo_name = 'zun'
openstackdocs_auto_name = False
openstackdocs_pdf_link = False
openstackdocs_bug_project = ''
openstackdocs_bug_tag = ''
