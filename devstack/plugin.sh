# shellcheck shell=bash
# devstack plugin of the zun container service.
#
# devstack sources this file once per phase with the mode in $1 (stack,
# unstack, clean) and, for stack, the phase in $2.

ZUN_XTRACE=$(set +o | grep xtrace)
set -o xtrace

# shellcheck source=devstack/lib/zun
source "$(dirname "${BASH_SOURCE[0]}")/lib/zun"

if is_service_enabled zun-api zun-compute zun-wsproxy; then
    case "$1/${2:-}" in
        stack/install)
            echo_summary "Installing zun"
            install_zun
            ;;
        stack/post-config)
            echo_summary "Configuring zun"
            configure_zun
            if is_service_enabled keystone; then
                create_zun_accounts
            fi
            init_zun
            ;;
        stack/extra)
            echo_summary "Starting zun"
            start_zun
            ;;
        unstack/*)
            stop_zun
            ;;
        clean/*)
            cleanup_zun
            ;;
    esac
fi

$ZUN_XTRACE
