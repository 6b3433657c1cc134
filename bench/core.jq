# core.jq — jxlint's core arithmetic checks written as a jq program: what a
# repository of submissions would otherwise script. The benchmark's comparison
# point (bench/run.sh); it is not part of jxlint.
#
#   jq -c -f bench/core.jq FILE...      one line per file: {"file", "findings": [...]}
#
# Checks, per submission and per element of "projects" (money_unit inherited):
#   income.total      = carryover + appropriation + other   (the parts present)
#   expenditure.total = basic + project                      (both present)
#   balance.total     = basic + project                      (both present)
#   balance.total     = income.total − expenditure.total     (department form)
#   budget.total      = basic + project                      (both present)
#   budget            = expenditure.total + balance.total    (project form)
#   every score node with a score and items: score = Σ items' scores
#     (an item without a score counts with the sum of its own items)
#   rates.execution   = expenditure.total ÷ budget × 100%    ("87.93%" parsed;
#                       a bare number is read as a ratio and reported)
#   staffing[].actual ≤ staffing[].quota
#
# Figures: JSON numbers, or strings with grouping commas, spaces (OCR), and a
# unit: 元, 万元 (×10⁴), 亿 (×10⁸), 千元, %. Money is compared in the
# submission's money_unit.
#
# The difference from jxlint: jq has only IEEE doubles. A sum holds when
# |stated − computed| ≤ 0.001 of the money unit — a fixed epsilon, so one 分
# in a 元 submission is caught, but the precision a figure is written with is
# not modelled: 563.02 万元 = 400.00 + 163.01 is reported although three
# roundings explain it, and doubles drift past ~15 significant digits. Rates
# get half a unit of their last written decimal (87.93% ± 0.005) and nothing
# for rounded operands. There are no intervals, no approximate figures (余,
# 多, 约), no positions (line:column), no messages, and no other rules.

def eps: 0.001;

# The factor of a money unit name, in 元.
def unit_factor: if . == "万元" then 10000 elif . == "亿元" then 100000000 elif . == "千元" then 1000 else 1 end;

# A figure → number in units of $mu (元 per unit), or null when missing or unreadable.
def fig($mu):
  if type == "number" then .
  elif type == "string" then
    gsub("[\\s,，]"; "") as $s
    | if ($s == "" or $s == "-" or $s == "—" or $s == "无" or $s == "/") then null
      else ([$s | capture("^(?<n>[-+]?[0-9]*\\.?[0-9]+)(?<u>.*)$")] | .[0]) as $m
        | if $m == null then null else
          ($m.n | tonumber) as $v
        | if ($m.u | startswith("亿")) then $v * 100000000 / $mu
          elif ($m.u | startswith("万")) then $v * 10000 / $mu
          elif ($m.u | startswith("千")) then $v * 1000 / $mu
          elif $m.u == "元" then $v / $mu
          else $v end
        end
      end
  else null end;

# Decimals written in a figure's string (for a rate's tolerance).
def decimals:
  if type == "string" then (gsub("[\\s,，]"; "") | capture("\\.(?<f>[0-9]+)")? | .f | length) // 0
  else (tostring | split(".") | .[1] // "" | length) end;

def finding($check; $at; $stated; $computed):
  {check: $check, at: $at, stated: $stated, computed: $computed};

# stated total vs the sum of the parts (numbers or nulls): a finding when they differ.
def sum_check($check; $at; $total; $parts):
  if $total == null or ($parts | length) == 0 or ($parts | any(. == null)) then empty
  else ($parts | add) as $sum
    | if (($total - $sum) | fabs) > eps then finding($check; $at; $total; $sum) else empty end
  end;

# A score node's value for its parent: its score, else the sum of its items.
def node_value:
  if (.score? // null) != null then (.score | fig(1))
  elif ((.items? // []) | length) > 0 then
    [.items[] | node_value] as $v | if ($v | any(. == null)) then null else ($v | add) end
  else null end;

def score_checks($path):
  (if (.score? // null) != null and ((.items? // []) | length) > 0 then
     sum_check("scores/sum"; $path + ".score"; (.score | fig(1)); [.items[] | node_value])
   else empty end),
  ((.items? // []) | to_entries[] | .key as $i | .value | score_checks($path + ".items[\($i)]"));

def checks($p; $mu):
  . as $d
  | ($d.form // "") as $form
  | def f($x): $x | fig($mu);
    def has($o; $k): ($o | type) == "object" and ($o | has($k)) and $o[$k] != null;
    (($d.income // {}) as $in
      | if has($in; "total") then
          sum_check("funds/income-total"; $p + "income.total"; f($in.total);
                    [("carryover", "appropriation", "other") as $k | select(has($in; $k)) | f($in[$k])])
        else empty end),
    (("expenditure", "balance", "budget") as $sec
      | ($d[$sec] // {}) as $o
      | if has($o; "total") and has($o; "basic") and has($o; "project") then
          sum_check("funds/\($sec)-total"; $p + $sec + ".total"; f($o.total); [f($o.basic), f($o.project)])
        else empty end),
    (if $form != "project" and has($d.balance; "total") and has($d.income; "total") and has($d.expenditure; "total") then
       sum_check("funds/balance"; $p + "balance.total"; f($d.balance.total); [f($d.income.total), (f($d.expenditure.total) | if . == null then null else -. end)])
     else empty end),
    (([$d.budget.adjusted?, $d.budget.total?, $d.budget.initial?] | map(select(. != null)) | .[0]) as $b
      | (if $form == "project" and $b != null and has($d.expenditure; "total") and has($d.balance; "total") then
           sum_check("funds/project-balance"; $p + "budget"; f($b); [f($d.expenditure.total), f($d.balance.total)])
         else empty end),
        (($b // (if $form == "department" then $d.income.total? else null end)) as $base
         | ($d.rates.execution? // null) as $st
         | if $st != null and $base != null and has($d.expenditure; "total") then
             (f($base)) as $den | (f($d.expenditure.total)) as $num
             | if $den == null or $num == null or $den == 0 then empty
               else ($num / $den * 100) as $computed
                 | if ($st | type) == "number" then
                     finding("rates/ratio-form"; $p + "rates.execution"; $st; $computed)
                   else ($st | fig(1)) as $s
                     | (0.5 * pow(10; -($st | decimals)) + 1e-9) as $tol
                     | if $s == null then empty
                       elif (($s - $computed) | fabs) > $tol then finding("rates/execution"; $p + "rates.execution"; $s; $computed)
                       else empty end
                   end
               end
           else empty end)),
    (($d.staffing // []) | to_entries[]
      | .key as $i | .value
      | select(type == "object" and .quota != null and .actual != null)
      | (.quota | fig(1)) as $q | (.actual | fig(1)) as $a
      | if $q != null and $a != null and $a > $q then finding("staffing/over-quota"; $p + "staffing[\($i)]"; $a; $q) else empty end),
    (if ($d.scores | type) == "object" then $d.scores | score_checks($p + "scores") else empty end);

. as $doc
| (($doc.money_unit // "元") | unit_factor) as $mu
| {file: input_filename,
   findings: [
     ($doc | checks(""; $mu)),
     (($doc.projects // []) | to_entries[]
       | .key as $i | .value
       | select(type == "object")
       | (.form //= "project")
       | checks("projects[\($i)]."; ((.money_unit // $doc.money_unit // "元") | unit_factor)))
   ]}
