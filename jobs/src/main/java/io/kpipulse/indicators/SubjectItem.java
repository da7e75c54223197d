package io.kpipulse.indicators;

import io.kpipulse.catalog.SubjectType;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * An item addressed to one subject's windows.
 *
 * @param subjectPath the subject's department path for target resolution (the employee's department and
 *                    ancestors; for a department, itself and its ancestors)
 * @param zoneId      the tenant's time zone, for the subject's day boundaries
 */
@TypeInfo(SubjectItemTypeInfo.Factory.class)
public record SubjectItem(SubjectType subjectType, String subjectId, List<String> subjectPath, String zoneId, Item item)
        implements Serializable {

    public String key() {
        return item.tenantId() + '|' + item.indicatorId() + '|' + subjectType + '|' + subjectId;
    }
}
