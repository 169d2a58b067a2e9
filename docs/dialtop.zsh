#compdef dialtop dialtop-sim
# zsh completion for dialtop and dialtop-sim.
# Installed by `make install` as share/zsh/site-functions/_dialtop.
# Campaign IDs come from the cache `dialtop ls` writes
# ($XDG_STATE_HOME/dialtop/campaigns: profile, id, name, tab-separated).

_dialtop_profiles() {
    local cfg=${XDG_CONFIG_HOME:-$HOME/.config}/dialtop/config
    local -a names
    [[ -r $cfg ]] && names=(${(f)"$(sed -n 's/^[[:space:]]*\[profile[[:space:]]\{1,\}\([^]]*\)\].*/\1/p' "$cfg")"})
    _describe -t profiles 'profile' names
}

_dialtop_ids() {
    local cache=${XDG_STATE_HOME:-$HOME/.local/state}/dialtop/campaigns
    local -a ids
    local line
    [[ -r $cache ]] || return 1
    for line in ${(f)"$(<$cache)"}; do
        local -a f
        f=("${(@ps:\t:)line}")
        ids+=("${f[2]//:/\\:}:${f[3]} (${f[1]})")
    done
    _describe -t campaigns 'campaign' ids
}

_dialtop_cmd() {
    local -a common
    common=(
        '--profile[profile from the config]:profile:_dialtop_profiles'
        '--config[config file]:file:_files'
        '--help[usage]'
    )
    local -a act
    act=($common
        '--json[one JSON object per line]'
        '--read-only[refuse every action]'
        '--name[campaigns by name or glob]:pattern:'
        '--if-needed[already there is a success]')
    case $1 in
        ls)
            _arguments $common '--all-profiles[every profile]' \
                '--state[campaign state]:state:(draft pending scheduled active paused completed failed cancelled ended)' \
                '--json[one JSON object per line]' '--csv[CSV]' '--watch[reprint every S seconds]::seconds:' ;;
        show)
            _arguments $common '--json[one JSON object]' '--watch[reprint every S seconds]::seconds:' \
                '--name[the campaign so named]:name:' \
                '*:campaign:_dialtop_ids' ;;
        contacts)
            _arguments $common '--json[one JSON object per line]' '--csv[new CSV file]:file:_files' \
                '--name[the campaign so named]:name:' \
                '--state[contact state]:state:(pending queued in_progress completed no_answer busy voicemail failed skipped retry_scheduled cancelled)' \
                '*:campaign:_dialtop_ids' ;;
        pause|resume)
            _arguments $act '*:campaign:_dialtop_ids' ;;
        cancel)
            _arguments $act '--yes[confirm]' '*:campaign:_dialtop_ids' ;;
        reschedule)
            _arguments $act '--at[YYYY-MM-DD HH:MM]:time:' '--tz[IANA zone]:zone:_time_zone' \
                '*:campaign:_dialtop_ids' ;;
        retry)
            _arguments $act '--reasons[which unreached]:reasons:_sequence compadd - no_answer busy failed' \
                '--max-retries[1-10]:n:' '*:campaign:_dialtop_ids' ;;
        concurrency)
            _arguments $act '*:campaign:_dialtop_ids' ;;
        import)
            _arguments $common '--dry-run' '--json' '--name:name:' '--at:time:' '--tz:zone:_time_zone' \
                '--delimiter:delimiter:' '--encoding:encoding:(utf-8 cp1252)' '--phone-column:column:' \
                '--region:region:' '--rejects-out:file:_files' '--allow-rejects' '--concurrency:n:' \
                '--retry-limit:n:' '--retry-schedule:when:(immediately next_day 1h 6h 24h)' \
                '--hours:window:' '--days:days:(mon-fri mon-sat sat,sun all)' \
                '--max-calls-per-day:n:' '--phone-number-id:id:' '--agent-id:id:' '*:file:_files' ;;
    esac
}

_dialtop() {
    if [[ $service == dialtop-sim ]]; then
        _arguments '--listen:address:' '--api-key:key:' '--speed:factor:' '--seed:n:' \
            '--start-time:epoch:' '--outcomes:weights:' '--call-duration:range:' '--demo' \
            '--generate:n:' '--state:file:_files' '--latency-ms:ms:' '--fail-rate:rate:' \
            '--fail-actions' '--rate-limit-burst:n:' '--rate-limit-window:s:' '--drop-rate:rate:' \
            '--malformed-rate:rate:' '--help' '--version'
        return
    fi
    local -a commands
    commands=(
        'ls:list campaigns'
        'show:every field of one campaign'
        'contacts:the contacts of one campaign'
        'pause:pause campaigns'
        'resume:resume paused campaigns'
        'reschedule:move the start'
        'cancel:cancel for good'
        'retry:call the unreached again (OmniDimension)'
        'concurrency:change calls at once (OmniDimension)'
        'import:check or upload a contact list'
    )
    if (( CURRENT == 2 )) && [[ $words[2] != -* ]]; then
        _describe -t commands 'command' commands
        return
    fi
    if (( ${commands[(I)$words[2]:*]} )); then
        local cmd=$words[2]
        shift words
        (( CURRENT-- ))
        _dialtop_cmd $cmd
        return
    fi
    _arguments '--profile:profile:_dialtop_profiles' '--all-profiles' '--config:file:_files' \
        '--no-color' '--theme:theme:(light dark)' '--read-only' '--demo' '--demo-seed:n:' \
        '--help' '--version' '1:command:->cmd'
    [[ $state == cmd ]] && _describe -t commands 'command' commands
}

_dialtop "$@"
