# fish completion for dialtop and dialtop-sim.
# Installed by `make install` as share/fish/vendor_completions.d/dialtop.fish.
# Campaign IDs come from the cache `dialtop ls` writes
# ($XDG_STATE_HOME/dialtop/campaigns: profile, id, name, tab-separated).

function __dialtop_profiles
    set -l home $XDG_CONFIG_HOME
    test -n "$home"; or set home $HOME/.config
    test -r $home/dialtop/config; or return
    sed -n 's/^[[:space:]]*\[profile[[:space:]]\{1,\}\([^]]*\)\].*/\1/p' $home/dialtop/config
end

function __dialtop_ids
    set -l state $XDG_STATE_HOME
    test -n "$state"; or set state $HOME/.local/state
    test -r $state/dialtop/campaigns; or return
    # "id<TAB>name (profile)": fish shows the part after the tab as the description
    awk -F '\t' '{ printf "%s\t%s (%s)\n", $2, $3, $1 }' $state/dialtop/campaigns
end

set -l cmds ls show contacts pause resume reschedule cancel retry concurrency import
set -l idcmds show contacts pause resume reschedule cancel retry concurrency
set -l actcmds pause resume reschedule cancel retry concurrency

complete -c dialtop -f
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -a ls -d 'list campaigns'
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -a show -d 'every field of one campaign'
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -a contacts -d 'the contacts of one campaign'
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -a pause -d 'pause campaigns'
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -a resume -d 'resume paused campaigns'
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -a reschedule -d 'move the start'
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -a cancel -d 'cancel for good'
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -a retry -d 'call the unreached again'
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -a concurrency -d 'change calls at once'
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -a import -d 'check or upload a contact list'

# the console's options
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -l all-profiles -d 'every profile'
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -l no-color -d 'monochrome'
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -l theme -x -a 'light dark'
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -l read-only -d 'never change a campaign'
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -l demo -d 'a private dialtop-sim'
complete -c dialtop -n "not __fish_seen_subcommand_from $cmds" -l version

# everywhere
complete -c dialtop -l profile -x -a '(__dialtop_profiles)' -d 'profile from the config'
complete -c dialtop -l config -r -F -d 'config file'
complete -c dialtop -l help -d 'usage'

# campaign IDs where a command takes them
complete -c dialtop -n "__fish_seen_subcommand_from $idcmds" -a '(__dialtop_ids)'

complete -c dialtop -n "__fish_seen_subcommand_from ls" -l all-profiles -d 'every profile'
complete -c dialtop -n "__fish_seen_subcommand_from ls" -l state -x -a 'draft pending scheduled active paused completed failed cancelled ended'
complete -c dialtop -n "__fish_seen_subcommand_from ls" -l csv -d 'CSV'
complete -c dialtop -n "__fish_seen_subcommand_from ls show" -l watch -d 'reprint every S seconds'
complete -c dialtop -n "__fish_seen_subcommand_from ls show contacts $actcmds" -l json -d 'one JSON object per line'
complete -c dialtop -n "__fish_seen_subcommand_from contacts" -l state -x -a 'pending queued in_progress completed no_answer busy voicemail failed skipped retry_scheduled cancelled'
complete -c dialtop -n "__fish_seen_subcommand_from contacts" -l csv -r -F -d 'new CSV file'
complete -c dialtop -n "__fish_seen_subcommand_from show contacts $actcmds" -l name -x -d 'campaigns by name or glob'
complete -c dialtop -n "__fish_seen_subcommand_from $actcmds" -l if-needed -d 'already there is a success'
complete -c dialtop -n "__fish_seen_subcommand_from $actcmds" -l read-only -d 'refuse every action'
complete -c dialtop -n "__fish_seen_subcommand_from cancel" -l yes -d 'confirm'
complete -c dialtop -n "__fish_seen_subcommand_from reschedule" -l at -x -d 'YYYY-MM-DD HH:MM'
complete -c dialtop -n "__fish_seen_subcommand_from reschedule import" -l tz -x -d 'IANA zone'
complete -c dialtop -n "__fish_seen_subcommand_from retry" -l reasons -x -a 'no_answer,busy no_answer busy failed' -d 'which unreached'
complete -c dialtop -n "__fish_seen_subcommand_from retry" -l max-retries -x -d '1-10'
complete -c dialtop -n "__fish_seen_subcommand_from import" -F
complete -c dialtop -n "__fish_seen_subcommand_from import" -l dry-run -d 'check only'
complete -c dialtop -n "__fish_seen_subcommand_from import" -l name -x -d 'campaign name'
complete -c dialtop -n "__fish_seen_subcommand_from import" -l rejects-out -r -F
complete -c dialtop -n "__fish_seen_subcommand_from import" -l encoding -x -a 'utf-8 cp1252'

complete -c dialtop-sim -f
complete -c dialtop-sim -l listen -x -d 'address:port'
complete -c dialtop-sim -l api-key -x
complete -c dialtop-sim -l speed -x
complete -c dialtop-sim -l seed -x
complete -c dialtop-sim -l demo
complete -c dialtop-sim -l state -r -F
complete -c dialtop-sim -l help
complete -c dialtop-sim -l version
