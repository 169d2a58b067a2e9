# bash completion for dialtop and dialtop-sim          -*- shell-script -*-
# Installed by `make install` as share/bash-completion/completions/dialtop.

# Profile names: the [profile NAME] sections of the config file.
_dialtop_profiles()
{
    local cfg=${XDG_CONFIG_HOME:-$HOME/.config}/dialtop/config
    [ -r "$cfg" ] || return
    sed -n 's/^[[:space:]]*\[profile[[:space:]]\{1,\}\([^]]*\)\].*/\1/p' "$cfg"
}

# Campaign IDs: the cache `dialtop ls` writes (profile, id, name).
_dialtop_ids()
{
    local cache=${XDG_STATE_HOME:-$HOME/.local/state}/dialtop/campaigns
    [ -r "$cache" ] || return
    cut -f 2 "$cache"
}

_dialtop()
{
    local cur prev cmd
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="ls show contacts import followup pause resume reschedule cancel retry concurrency hooks"
    local console_opts="--profile --all-profiles --config --no-color --theme --read-only --demo --help --version"

    case $prev in
        --profile|--to-profile) COMPREPLY=($(compgen -W "$(_dialtop_profiles)" -- "$cur")); return ;;
        --theme) COMPREPLY=($(compgen -W "light dark" -- "$cur")); return ;;
        --config|--rejects-out|--out) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --db|--token-file|--tls-cert|--tls-key) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --sync) COMPREPLY=($(compgen -W "full normal" -- "$cur")); return ;;
        --encoding) COMPREPLY=($(compgen -W "utf-8 cp1252" -- "$cur")); return ;;
        --retry-schedule) COMPREPLY=($(compgen -W "immediately next_day 1h 6h 24h" -- "$cur")); return ;;
        --retry-limit) COMPREPLY=($(compgen -W "0 1 2 3 4 5" -- "$cur")); return ;;
        --states) COMPREPLY=($(compgen -W "no_answer,busy,failed no_answer,busy no_answer busy failed voicemail" -- "$cur")); return ;;
        --days) COMPREPLY=($(compgen -W "mon-fri mon-sat sat,sun all" -- "$cur")); return ;;
        --hours) COMPREPLY=($(compgen -W "09:00-17:00 09:00-18:00" -- "$cur")); return ;;
        --state)
            case " ${COMP_WORDS[*]} " in
                *" contacts "*) COMPREPLY=($(compgen -W "pending queued in_progress completed no_answer busy voicemail failed skipped retry_scheduled cancelled" -- "$cur")) ;;
                *) COMPREPLY=($(compgen -W "draft pending scheduled active paused completed failed cancelled ended" -- "$cur")) ;;
            esac
            return ;;
        --csv) case " ${COMP_WORDS[*]} " in *" contacts "*) COMPREPLY=($(compgen -f -- "$cur")); return ;; esac ;;
        --reasons) COMPREPLY=($(compgen -W "no_answer,busy no_answer busy failed" -- "$cur")); return ;;
        --tz)
            local zi=/usr/share/zoneinfo
            COMPREPLY=($(cd "$zi" 2>/dev/null && compgen -f -- "$cur"))
            return ;;
    esac

    cmd=""
    local w
    for w in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
        case " $commands " in *" $w "*) cmd=$w; break ;; esac
    done

    case $cmd in
        "")
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "$console_opts" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$commands" -- "$cur"))
            fi ;;
        import)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--dry-run --delimiter --encoding --phone-column --region --max-rows --max-columns --max-field-bytes --rejects-out --out --json --allow-rejects --allow-premium --name --at --tz --profile --config --concurrency --retry-limit --retry-schedule --hours --days --max-calls-per-day --phone-number-id --agent-id --resume" -- "$cur"))
            else
                COMPREPLY=($(compgen -f -- "$cur"))
            fi ;;
        followup) COMPREPLY=($(compgen -W "--states --name --to-profile --dry-run --json --profile --config --at --tz --concurrency --retry-limit --retry-schedule --hours --days --max-calls-per-day --phone-number-id --agent-id" -- "$cur")) ;;
        hooks) COMPREPLY=($(compgen -W "--listen --db --token-file --tls-cert --tls-key --insecure-listen --sync --help" -- "$cur")) ;;
        ls) COMPREPLY=($(compgen -W "--profile --all-profiles --state --json --csv --watch --config" -- "$cur")) ;;
        show|contacts)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--profile --json --config --name $([ $cmd = show ] && echo --watch || echo '--csv --state')" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$(_dialtop_ids)" -- "$cur"))
            fi ;;
        *)
            local opts="--profile --json --read-only --name --if-needed --config"
            case $cmd in
                reschedule) opts="$opts --at --tz --hours --days --end" ;;
                cancel) opts="$opts --yes" ;;
                retry) opts="$opts --reasons --max-retries" ;;
            esac
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "$opts" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$(_dialtop_ids)" -- "$cur"))
            fi ;;
    esac
}
complete -F _dialtop dialtop

_dialtop_sim()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    COMPREPLY=($(compgen -W "--listen --api-key --speed --seed --start-time --outcomes --call-duration --demo --generate --state --latency-ms --fail-rate --fail-actions --rate-limit-burst --rate-limit-window --drop-rate --malformed-rate --help --version" -- "$cur"))
}
complete -F _dialtop_sim dialtop-sim
