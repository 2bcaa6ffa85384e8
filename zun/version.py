"""Version information for the zun package."""

import pbr.version

version_info = pbr.version.VersionInfo('zun')
version_string = version_info.version_string
