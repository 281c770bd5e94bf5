//! Issue 14 (Chinese part): the genres Chinese car feeds live on are flagged, and the
//! sober shapes that share their vocabulary (plain launch prices, data reports,
//! stock-wire moves, how-to questions) are not. Titles written by hand for this test,
//! one per genre shape; none is taken from a data file.

use clickbait::Classifier;

fn check(titles: &[&str], clickbait: bool) {
    let c = Classifier::default_ref();
    let wrong: Vec<String> = titles
        .iter()
        .map(|t| (t, c.score(t)))
        .filter(|(_, v)| v.is_clickbait != clickbait)
        .map(|(t, v)| {
            let hits: Vec<_> = v.hits.iter().map(|h| (&h.phrase, h.contribution)).collect();
            format!("{t:?}: score {:.3}, hits {hits:?}", v.score)
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "expected clickbait={clickbait}:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn car_feed_genres_are_flagged() {
    check(
        &[
            // put-downs and comparisons
            "这台国产SUV完虐合资，丰田只能乖乖认输",
            "买思域不如买它，德系车都得靠边站",
            // price bait
            "新车仅售6万，比五菱还便宜，谁还买宝骏？",
            "8万就能开回家的中型车，合资车日子不好过了",
            "这款轿车只要五万八，油耗才4毛",
            // doom and dares
            "这款车油耗才4毛，你敢要吗？",
            "车主注意：这几件事千万不能犯，小心爱车就要报废",
            // uniqueness and records
            "全国仅此一台！全球唯一的紫色跑车现身",
            // regret and conversion
            "车主放弃了宝马果断入手这款国产车",
            // life-hack bait
            "老司机都不知道的隐藏功能，教你一招轻松搞定",
            "后备箱备上这几样，多开十年没问题",
            // gossip, exposé, loss idioms, openers, reactions
            "买完这车后悔了？网友：早知道就买它",
            "4S店内部人员曝光：这些套路他们从不说",
            "车商亏得底裤都没了，二手车彻底卖不动",
            "国产车发威了！德系车慌了",
            "新车到店引围观，大家都愣了",
        ],
        true,
    );
}

#[test]
fn sober_car_shapes_are_not_flagged() {
    check(
        &[
            "新款卡罗拉上市，售价12.98万起",
            "宝骏510售价5.38万-7.88万元",
            "比亚迪4月销量同比增长20%",
            "哈弗H6 4月销量3.2万辆，同比增长5%",
            "如何正确使用自动启停功能？",
            "二手车价格跌到5万以下的车型有哪些？",
            "试驾全新雅阁：底盘扎实油耗低",
            "这款车百公里油耗5.9升",
            "吉利上半年营收不足500亿元",
            // stock-wire moves written soberly
            "蔚来股价周三一度暴跌9%，收盘报4.5美元",
            "小鹏汽车港股盘中暴跌12%，收跌8%",
            "特斯拉股价周二大跌7%，市值蒸发500亿美元",
        ],
        false,
    );
}
