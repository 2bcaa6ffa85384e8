"""Fingerprints of the versioned objects.

A change to the fields or remotable methods of an object changes its
fingerprint. Then bump the object's VERSION, add a line to its version
history comment, and put the new fingerprint here.
"""

from oslo_versionedobjects import fixture

from zun.objects import base as objects_base
from zun.tests import base

EXPECTED_FINGERPRINTS = {
    'ComputeNode': '1.0-b80ee040b2ab27d8dafa4fb494afd69e',
    'Container': '1.1-eeb355d911071d84a98615772a1b3a88',
    'ContainerAction': '1.0-34f643fd6a5038fa6e700edfa6845b2c',
    'ContainerActionEvent': '1.0-48682d59e4e6db3f91cf88937c870f4c',
    'ExecInstance': '1.0-39a43e75241357d67a16b12b2cf4e124',
    'ZunService': '1.0-47bc5415decba0aa1edfd3f1143bef73',
}


class TestObjectVersions(base.TestCase):

    def _checker(self):
        return fixture.ObjectVersionChecker(
            objects_base.ZunObjectRegistry.obj_classes())

    def test_fingerprints_unchanged(self):
        expected, actual = self._checker().test_hashes(
            EXPECTED_FINGERPRINTS)
        self.assertEqual(expected, actual,
                         'Object fields or methods changed; bump VERSION '
                         'and update EXPECTED_FINGERPRINTS')

    def test_every_object_pinned(self):
        registered = set(objects_base.ZunObjectRegistry.obj_classes())
        self.assertEqual(set(EXPECTED_FINGERPRINTS), registered)

    def test_objects_in_zun_namespace(self):
        for name, classes in (
                objects_base.ZunObjectRegistry.obj_classes().items()):
            self.assertEqual('zun_object', classes[0].OBJ_PROJECT_NAMESPACE,
                             name)
