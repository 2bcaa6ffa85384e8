"""The one helper behind every lifecycle action on a container."""

from oslo_log import log as logging
import oslo_messaging as messaging
import pecan

from zun.api import validation
from zun.api.controllers import base
from zun.api.controllers.v1 import lookup
from zun.common import consts
from zun.common import exception
from zun.db import api as dbapi
from zun.objects import container as container_obj

LOG = logging.getLogger(__name__)

# Key of the parameters handed to an action's call: the container's status
# before the claim, which may have replaced it (rebuild sets Rebuilding).
STATUS_BEFORE = 'status_before'


def action_params(allowed):
    """Return the action's parameters from the query string and JSON body.

    Clients send action parameters either way (python-zunclient in the
    query string, tempest in the body), and Zun accepts both.
    :raises UnknownParameters: for a name not in ``allowed``.
    """
    request = pecan.request
    params = validation.query_params(request, allowed)
    if request.body:
        body = validation.read_json_body(request)
        unknown = sorted(set(body) - set(allowed))
        if unknown:
            raise exception.UnknownParameters(names=', '.join(unknown))
        params.update(body)
    return params


def run(ident, action, rule, allowed_params, call, parse=None,
        status=None):
    """Claim a container for ``action`` and hand it to the compute API.

    :param ident: UUID or name from the URL. It is None for a URL without
        one, such as POST /v1/containers/start.
    :param action: key of consts.ALLOWED_STATUSES and ACTION_TASK_STATES.
    :param rule: policy rule, checked against the container.
    :param allowed_params: names accepted in the query string or body.
    :param call: callable(context, container, params) sending the work;
        ``params[STATUS_BEFORE]`` is the status before the claim.
    :param parse: callable(params) returning the converted parameters;
        it runs before the claim, so invalid input claims nothing.
    :param status: status to set together with the claim, if any.
    :returns: the claimed Container; the response status is 202.
    """
    if ident is None:
        pecan.abort(404)
    context = base.context()
    params = action_params(allowed_params)
    if parse is not None:
        params = parse(params)
    container = lookup.get_container(context, ident, params,
                                     'container:get_one_all_projects')
    context.can(rule, lookup.policy_target(container))
    return claim_and_call(context, container, action, action, params, call,
                          status=status)


def claim_and_call(context, container, action, verb, params, call,
                   status=None, ignore_task_state=False):
    """Claim ``container`` atomically, then run ``call``.

    :param verb: the action's name in error messages, such as ``delete``.
    When ``call`` fails, the claim is released so that the container does
    not stay busy, and the error goes to the client. A timed-out call keeps
    the claim, because zun-compute may still be working and clears the task
    itself when it finishes.
    """
    task_state = consts.ACTION_TASK_STATES[action]
    claimed = container_obj.Container.claim(
        context, container.uuid, verb, consts.ALLOWED_STATUSES[action],
        task_state, status=status, ignore_task_state=ignore_task_state)
    params = dict(params, **{STATUS_BEFORE: container.status})
    try:
        call(context, claimed, params)
    except messaging.MessagingTimeout:
        LOG.warning('Container %s: zun-compute did not answer the %s '
                    'request in time; it keeps the task', container.uuid,
                    verb)
        raise exception.ComputeTimeout(host=container.host, action=verb,
                                       container=container.uuid)
    except Exception:
        previous = {'task_state': container.task_state}
        if status is not None:
            previous['status'] = container.status
        LOG.warning('Releasing container %s: sending %s failed',
                    container.uuid, verb)
        dbapi.container_update_if(context, container.uuid,
                                  {'task_state': task_state}, previous)
        raise
    pecan.response.status = 202
    return claimed


def check_status(container, action):
    """Check that ``container`` may start an action that needs no claim.

    :raises InvalidStateException: when its status does not allow it.
    """
    if container.status not in consts.ALLOWED_STATUSES[action]:
        verb = consts.INSPECTION_ACTIONS.get(action, action)
        raise exception.InvalidStateException(
            action=verb, id=container.uuid, actual_state=container.status)


def inspect(ident, action, rule, params):
    """Look up the container of an inspection action and check it.

    Inspection actions (``consts.INSPECTION_ACTIONS``) read a container or
    run a command in it. They check the policy and the status but claim
    nothing, so several of them run at once.
    :returns: (context, container).
    """
    context = base.context()
    container = lookup.get_container(context, ident, params,
                                     'container:get_one_all_projects')
    context.can(rule, lookup.policy_target(container))
    check_status(container, action)
    return context, container
