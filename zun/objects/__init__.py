"""Versioned objects of zun."""


def register_all():
    """Import every object module so that the registry knows them all."""
    __import__('zun.objects.compute_node')
    __import__('zun.objects.container')
    __import__('zun.objects.container_action')
    __import__('zun.objects.exec_instance')
    __import__('zun.objects.zun_service')
